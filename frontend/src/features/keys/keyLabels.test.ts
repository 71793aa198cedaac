import { describe, expect, it } from 'vitest'
import { keyLabels } from './keyLabels'

describe('keyLabels', () => {
  it('tells keys of one name apart by their masked key, and names the others alone', () => {
    expect(
      keyLabels([
        { name: 'billing-service production', maskedKey: 'kd_Ab12…9xYz' },
        { name: 'ci deploy', maskedKey: 'kd_Cd34…8wVu' },
        { name: 'billing-service production', maskedKey: 'kd_Ef56…7tSr' },
      ]),
    ).toEqual(['“billing-service production” (kd_Ab12…9xYz)', '“ci deploy”', '“billing-service production” (kd_Ef56…7tSr)'])
  })
})
