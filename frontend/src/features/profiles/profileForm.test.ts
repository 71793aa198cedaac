import { describe, expect, it } from 'vitest'
import { en } from '../../i18n/en'
import { makeProfile } from '../../test/fixtures'
import { daysErrorWhileTyping, formValues, toRequest, type ProfileFormValues } from './profileForm'

const valid = (patch: Partial<ProfileFormValues> = {}): ProfileFormValues => ({ ...formValues(), name: 'Payments', ...patch })

describe('profile form days', () => {
  it('refuses days out of range or not a whole number, naming the field and the range', () => {
    for (const days of ['0', '367', '400', '1e3', '-5', '1.5', '', ' ', '13 days']) {
      const { req, errors } = toRequest(valid({ expiry: { on: true, days } }))
      expect(req, `expiry ${JSON.stringify(days)}`).toBeUndefined()
      expect(errors?.defaultExpiryDays).toBe('Default expiry must be a whole number from 1 to 366 days.')
    }
    for (const days of ['0', '3651', '-1', '2.5']) {
      expect(toRequest(valid({ rotation: { on: true, days } })).errors?.rotationDays).toBe(
        'Rotation policy must be a whole number from 1 to 3650 days.',
      )
    }
  })

  it('sends the days as typed when they are in range', () => {
    expect(toRequest(valid({ expiry: { on: true, days: '1' } })).req?.defaultExpiryDays).toBe(1)
    expect(toRequest(valid({ expiry: { on: true, days: ' 366 ' } })).req?.defaultExpiryDays).toBe(366)
    expect(toRequest(valid({ rotation: { on: true, days: '3650' } })).req?.rotationDays).toBe(3650)
    // Switched off: whatever is typed is not sent.
    expect(toRequest(valid({ expiry: { on: false, days: '0' } })).req?.defaultExpiryDays).toBeNull()
  })

  it('says what is wrong while typing, but not for an empty field', () => {
    expect(daysErrorWhileTyping('expiry', { on: true, days: '367' })).toBe(en.profileForm.expiryRange)
    expect(daysErrorWhileTyping('expiry', { on: true, days: '' })).toBeUndefined()
    expect(daysErrorWhileTyping('expiry', { on: true, days: '30' })).toBeUndefined()
    expect(daysErrorWhileTyping('rotation', { on: false, days: '0' })).toBeUndefined()
  })

  it('keeps a profile’s days as text', () => {
    const v = formValues(makeProfile({ defaultExpiryDays: 45, rotationDays: undefined }))
    expect(v.expiry).toEqual({ on: true, days: '45' })
    expect(v.rotation).toEqual({ on: false, days: '90' })
  })

  it('reads “1 day”, not “1 days”', () => {
    expect(en.profileForm.daysUnit(1)).toBe('day')
    expect(en.profileForm.daysUnit(2)).toBe('days')
    expect(en.profileForm.daysUnit(NaN)).toBe('days')
    expect(en.profiles.remindBefore([1])).toBe('1 day')
    expect(en.profiles.remindBefore([7, 1])).toBe('7, 1 days')
  })
})

describe('profile form lead times', () => {
  it('refuses a lead time still typed that is not one, and takes one already in the list as it is', () => {
    expect(toRequest(valid({ reminderDays: ['7'], reminderDraft: 'soon' })).errors?.reminderDays).toBe(
      'Lead times are whole days from 1 to 366.',
    )
    expect(toRequest(valid({ reminderDays: ['7'], reminderDraft: '7' })).req?.reminderDays).toEqual([7])
    expect(toRequest(valid({ reminderDays: ['7'], reminderDraft: '14' })).req?.reminderDays).toEqual([14, 7])
    // A 0 kept from before lead times started at 1 is refused on save, not sent.
    expect(toRequest(valid({ reminderDays: ['7', '0'] })).errors?.reminderDays).toBe('Lead times are whole days from 1 to 366.')
  })
})

describe('profile form test endpoint', () => {
  const endpoint = (url: string) => ({ ...formValues().endpoint, on: true, url })
  it('refuses a user name or password in the URL, as the server does', () => {
    expect(toRequest(valid({ endpoint: endpoint('https://ada:pw@api.example/v1') })).errors?.['testEndpoint.url']).toBe(
      en.profileForm.urlUserinfo,
    )
    expect(toRequest(valid({ endpoint: endpoint('https://ada@api.example/v1') })).errors?.['testEndpoint.url']).toBe(en.profileForm.urlUserinfo)
    // An @ in the path or the query is not a user name.
    expect(toRequest(valid({ endpoint: endpoint('{server}/v1/users/@me?by=a@b') })).req?.testEndpoint?.url).toBe('{server}/v1/users/@me?by=a@b')
    expect(toRequest(valid({ endpoint: endpoint('https://api.example/v1/@me') })).req).toBeDefined()
  })
})
