/** Props that make a Mantine Button or ActionIcon look and act disabled but keep its tooltip. */
export function disabledProps(disabled: boolean) {
  return disabled
    ? {
        'data-disabled': true,
        'aria-disabled': true,
        onClick: (event: { preventDefault: () => void }) => event.preventDefault(),
      }
    : {}
}
