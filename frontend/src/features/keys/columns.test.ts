import { describe, expect, it } from 'vitest'
import { FIT_DROP_ORDER, KEY_COLUMNS, TABLE_CHROME, fittedHiddenColumns, hiddenColumns, parseHiddenColumns } from './columns'
import { tableMinWidth } from './tableLayout'

describe('fittedHiddenColumns', () => {
  it('shows every column in a window wide enough, and leaves out the least needed first in a narrower one', () => {
    expect(fittedHiddenColumns(1920)).toEqual([])
    // The desktop's default window: the brief's columns but Created, whose
    // date the details give; enabling stays in the row's menu.
    expect(fittedHiddenColumns(1280)).toEqual(['enabled', 'role', 'id', 'createdAt'])
    expect(fittedHiddenColumns(1440)).toEqual(['enabled', 'role', 'id'])
    expect(fittedHiddenColumns(1600)).toEqual(['id'])
    // 1024 px: the expiry still fits beside a name of 190 px (not dropped for want of 4).
    expect(fittedHiddenColumns(1024)).toEqual(['lastUsedAt', 'enabled', 'role', 'profile', 'id', 'createdAt'])
    // The window's least width: the name, the status and the expiry (the masked key goes first).
    expect(fittedHiddenColumns(900)).toEqual(['maskedKey', 'lastUsedAt', 'enabled', 'role', 'profile', 'id', 'createdAt'])
  })

  it('never leaves out the status, however narrow the window', () => {
    expect(fittedHiddenColumns(300)).toEqual(KEY_COLUMNS.filter((id) => FIT_DROP_ORDER.includes(id)))
    expect(fittedHiddenColumns(300)).not.toContain('status')
  })

  it('hides as few columns as fit, at every width', () => {
    for (let width = 600; width <= 2200; width += 7) {
      const hidden = fittedHiddenColumns(width)
      const room = width - TABLE_CHROME
      const dropped = FIT_DROP_ORDER.filter((id) => hidden.includes(id))
      // What is hidden is a start of the drop order…
      expect(dropped).toEqual(FIT_DROP_ORDER.slice(0, dropped.length))
      // …the rest fits (unless nothing more may go)…
      if (dropped.length < FIT_DROP_ORDER.length) expect(tableMinWidth(hidden, 190)).toBeLessThanOrEqual(room)
      // …and with one column fewer hidden it would not.
      if (dropped.length > 0) expect(tableMinWidth(dropped.slice(0, -1), 190)).toBeGreaterThan(room)
    }
  })
})

describe('hiddenColumns', () => {
  it('takes the user’s choice, even none hidden, over fitting the window', () => {
    expect(hiddenColumns('[]', 1280)).toEqual([])
    expect(hiddenColumns('["id","role"]', 1280)).toEqual(['role', 'id'])
    expect(hiddenColumns(null, 1280)).toEqual(fittedHiddenColumns(1280))
    expect(hiddenColumns(undefined, 1920)).toEqual([])
  })

  it('fits the window when the stored choice cannot be read', () => {
    for (const raw of ['{', '"id"', '{"id":true}']) {
      expect(parseHiddenColumns(raw)).toBeUndefined()
      expect(hiddenColumns(raw, 1280)).toEqual(fittedHiddenColumns(1280))
    }
    // Unknown columns are dropped, known ones kept in table order.
    expect(parseHiddenColumns('["createdAt","nope","maskedKey"]')).toEqual(['maskedKey', 'createdAt'])
  })
})
