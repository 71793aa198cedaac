/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const mantineDir = here('../../node_modules/@mantine/core/styles/')

/** The Mantine component styles a list file imports, in its order. */
function imported(file: string): string[] {
  return [...readFileSync(here(file), 'utf8').matchAll(/^import '@mantine\/core\/styles\/([\w-]+)\.css'$/gm)].map((m) => m[1])
}

describe('Mantine styles split between the first screen and the app', () => {
  const first = imported('./firstScreenStyles.ts')
  const app = imported('./appStyles.ts')

  it('imports every component’s styles exactly once', () => {
    const all = readdirSync(mantineDir)
      .filter((f) => f.endsWith('.css') && !f.endsWith('.layer.css'))
      .map((f) => f.slice(0, -4))
    expect([...first, ...app].sort()).toEqual(all.sort())
  })

  it('keeps the order of Mantine’s own styles.css in each list', () => {
    const full = readFileSync(here('../../node_modules/@mantine/core/styles.css'), 'utf8')
    const position = (name: string) => full.indexOf(readFileSync(`${mantineDir}${name}.css`, 'utf8').trim().slice(0, 120))
    for (const list of [first, app]) {
      const positions = list.map(position)
      expect(positions.every((p) => p >= 0)).toBe(true)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
    }
  })
})
