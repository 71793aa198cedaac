import { Combobox, Group, Kbd, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { ApiError, searchKeys, type SearchResult } from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { en } from '../../i18n/en'
import { errorMessage } from '../../lib/errors'
import { isMacPlatform } from '../../lib/platform'
import { useNow } from '../../lib/useNow'
import { KeyStatusBadge } from '../keys/KeyStatusBadge'
import { looksLikeSecret, maskSecret } from '../keys/masked'
import classes from './SearchBox.module.css'

const MIN_QUERY = 2
/**
 * The most results the box shows. The backend (app/keys.go SearchShown)
 * returns one more when there are more, which only a longer query can
 * bring in.
 */
const SEARCH_SHOWN = 50
const isMac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform)

const SECRET_DOTS = { WebkitTextSecurity: 'disc' } as CSSProperties

const optionValue = (r: SearchResult) => `${r.workspaceId}\u0000${r.key.id}`

interface SearchBoxProps {
  /** Called with the result the user picked. */
  onPick: (result: SearchResult) => void
}

/** The search for text, as the box and its Enter run it. */
function searchQuery(text: string) {
  return {
    queryKey: queryKeys.search(text),
    queryFn: () => searchKeys(text),
    staleTime: 10_000,
    // A pasted secret is the query's key: dropped as soon as the box moves on.
    gcTime: looksLikeSecret(text) ? 0 : undefined,
  }
}

/**
 * Finds keys in every cached workspace by name, key ID or a fragment of the
 * masked key. Ctrl/⌘+K focuses it.
 */
export function SearchBox({ onPick }: SearchBoxProps) {
  const now = useNow()
  const [value, setValue] = useState('')
  const [debounced] = useDebouncedValue(value.trim(), 200)
  const secretTyped = looksLikeSecret(value)
  const inputRef = useRef<HTMLInputElement>(null)
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() })
  // From anywhere, form controls included: useHotkeys ignores INPUT, TEXTAREA
  // and SELECT unless told which tags to ignore.
  useHotkeys([['mod+K', () => inputRef.current?.focus()]], [])

  const enabled = debounced.length >= MIN_QUERY
  const queryClient = useQueryClient()
  const { data, isFetching, isError, error, isPlaceholderData } = useQuery({ ...searchQuery(debounced), enabled, placeholderData: keepPreviousData })
  const found = enabled ? (data ?? []) : []
  const results = found.length > SEARCH_SHOWN ? found.slice(0, SEARCH_SHOWN) : found
  const mayHaveMore = found.length > SEARCH_SHOWN

  // The first result is highlighted as results come, so Enter picks it.
  const { selectFirstOption } = combobox
  useEffect(() => {
    if (enabled && data && data.length > 0) selectFirstOption()
  }, [enabled, data, selectFirstOption])

  const pickResult = (result: SearchResult) => {
    onPick(result)
    setValue('')
    combobox.closeDropdown()
    inputRef.current?.blur()
  }
  const pick = (v: string) => {
    const result = results.find((r) => optionValue(r) === v)
    if (result) pickResult(result)
  }

  // The results shown are those of what is typed: not the last ones kept
  // while the search waits 200 ms after a keystroke, or runs.
  const fresh = enabled && debounced === value.trim() && data !== undefined && !isPlaceholderData
  /** Enter before that: the first result of what is typed, searched for now. */
  const pickFirstOfTyped = () => {
    const typed = value.trim()
    queryClient
      .fetchQuery(searchQuery(typed))
      .then(([top]) => {
        // Typing on since then gave up on this Enter.
        if (top && inputRef.current?.value.trim() === typed) pickResult(top)
      })
      // A failed search says so in the dropdown, where the query shows it.
      .catch(() => {})
  }

  let status: string | null = null
  if (value.trim().length > 0 && value.trim().length < MIN_QUERY) status = en.search.tooShort
  else if (isError) status = error instanceof ApiError && error.field === 'query' ? error.message : `${en.search.failed}: ${errorMessage(error)}`
  else if (enabled && data && results.length === 0 && !isFetching)
    status = looksLikeSecret(debounced) ? en.search.noneForSecret(maskSecret(debounced)) : en.search.none(debounced)
  else if (enabled && !data) status = en.search.searching

  return (
    <Combobox store={combobox} onOptionSubmit={pick} position="bottom-start" width={480} shadow="md" withinPortal>
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          w={{ base: 240, md: 380 }}
          placeholder={en.search.placeholder}
          aria-label={en.search.label}
          leftSection={<IconSearch size={16} />}
          rightSection={isFetching ? <Loader size={14} /> : <Kbd size="xs">{en.search.shortcut(isMac)}</Kbd>}
          rightSectionWidth={56}
          rightSectionPointerEvents="none"
          value={value}
          // A whole secret pasted in shows as dots, as in a password field,
          // without being one (no password manager offers to save it); the
          // dropdown names it masked. Inline, and only then: the first screen
          // draws the same box.
          styles={secretTyped ? { input: SECRET_DOTS } : undefined}
          data-secret={secretTyped || undefined}
          onChange={(e) => {
            setValue(e.currentTarget.value)
            combobox.openDropdown()
            combobox.updateSelectedOptionIndex()
          }}
          onFocus={() => value && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            // Runs before the combobox's own Enter, which clicks the selected option.
            if (e.key === 'Enter' && combobox.dropdownOpened && !fresh && value.trim().length >= MIN_QUERY) {
              combobox.resetSelectedOption() // so the combobox's Enter picks nothing
              pickFirstOfTyped()
            } else if (e.key === 'Enter' && combobox.dropdownOpened && combobox.getSelectedOptionIndex() === -1) {
              combobox.selectFirstOption()
            }
            if (e.key === 'Escape') {
              setValue('')
              combobox.closeDropdown()
            }
          }}
          data-testid="search-input"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={value.trim() === ''} data-testid="search-dropdown">
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {status && <Combobox.Empty className={classes.status}>{status}</Combobox.Empty>}
          {results.map((r) => (
            <Combobox.Option
              value={optionValue(r)}
              key={optionValue(r)}
              className={classes.option}
              data-testid="search-result"
              data-key-id={r.key.id}
            >
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={500} truncate>
                    {r.key.name}
                  </Text>
                  <Text size="xs" className={classes.detail} truncate>
                    {r.workspaceName} ·{' '}
                    <Text span ff="monospace" size="xs">
                      {r.key.maskedKey}
                    </Text>{' '}
                    ·{' '}
                    <Text span ff="monospace" size="xs">
                      {r.key.id}
                    </Text>
                  </Text>
                </Stack>
                <KeyStatusBadge keyInfo={r.key} now={now} />
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
        <Combobox.Footer>
          {mayHaveMore && (
            <Text size="xs" mb={4} data-testid="search-more">
              {en.search.more(SEARCH_SHOWN)}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {en.search.hint}
          </Text>
        </Combobox.Footer>
      </Combobox.Dropdown>
    </Combobox>
  )
}
