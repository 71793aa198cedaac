import { describe, expect, it } from 'vitest'
import { addLeadDays, leadDayError, parseLeadDays } from './leadDays'

describe('lead days', () => {
  it('adds a whole number of days in range, largest first', () => {
    expect(addLeadDays(['30', '1'], '7')).toEqual({ tags: ['30', '7', '1'], rest: '', error: undefined })
    expect(addLeadDays([], '14, 3 1')).toEqual({ tags: ['14', '3', '1'], rest: '', error: undefined })
  })

  it('keeps what it can’t add as typed, saying why', () => {
    for (const bad of ['soon', '1e3', '-5', '1.5', '400']) {
      expect(addLeadDays(['7'], bad)).toEqual({ tags: ['7'], rest: bad, error: 'Lead times are whole days from 1 to 366.' })
    }
    expect(addLeadDays(['7'], '0').error).toBe('Lead times are whole days from 1 to 366.')
  })

  it('clears a duplicate from the box with a word, not an error that blocks saving', () => {
    expect(addLeadDays(['30', '7'], '7')).toEqual({ tags: ['30', '7'], rest: '', error: undefined, note: '7 is already in the list.' })
    expect(leadDayError('07', ['7'])).toBeUndefined()
    // Twice in one paste: the first is added, the second noted.
    expect(addLeadDays([], '5,5')).toEqual({ tags: ['5'], rest: '', error: undefined, note: '5 is already in the list.' })
    // With something refused beside it, the refusal is what is said.
    expect(addLeadDays(['7'], '7, soon')).toMatchObject({ tags: ['7'], rest: 'soon', error: 'Lead times are whole days from 1 to 366.' })
    expect(parseLeadDays(['7'], { required: true, draft: '7' })).toEqual({ days: [7] })
  })

  it('refuses an eleventh lead time', () => {
    const ten = ['10', '9', '8', '7', '6', '5', '4', '3', '2', '1']
    expect(addLeadDays(ten, '11')).toEqual({ tags: ten, rest: '11', error: 'Keep at most 10 lead times.' })
  })

  it('parses the tags with what is still typed beside them', () => {
    expect(parseLeadDays(['30', '1'], { required: false, draft: '7' })).toEqual({ days: [30, 7, 1] })
    expect(parseLeadDays(['30', '1'], { required: false, draft: 'soon' })).toEqual({ error: 'Lead times are whole days from 1 to 366.' })
    expect(parseLeadDays(['30', '1'], { required: false, draft: '1' })).toEqual({ days: [30, 1] })
    expect(parseLeadDays([], { required: true, draft: ' ' })).toEqual({ error: 'Keep at least one lead time.' })
    expect(parseLeadDays([], { required: true, draft: '3' })).toEqual({ days: [3] })
  })
})
