import { Fragment, useState, type ReactNode } from 'react'
import type { Key } from '../../api'
import { AppModal } from '../../components/AppModal'
import { useLastNonNull } from '../../lib/useLatest'
import { SecretStep } from './SecretStep'

/** What a form of the dialog is given. */
export interface NewSecretFormProps<R> {
  target: Key
  onCancel: () => void
  onDone: (result: R) => void
}

interface NewSecretModalProps<R extends { key: Key; secret: string }> {
  workspaceId: string
  /** The key the form acts on; null closes the dialog. */
  target: Key | null
  onClose: () => void
  title: string
  /** The title once the new secret is shown. */
  doneTitle: string
  /** The form, made again for each key. */
  form: (props: NewSecretFormProps<R>) => ReactNode
  /** Shown under the new secret. */
  done?: (result: R) => ReactNode
}

/**
 * A dialog that gives a key a new secret (regenerate, rotate): a form,
 * then the secret, shown once. It cannot be dismissed by a click outside,
 * which would lose the secret; once the secret shows, only Done closes it
 * (not Esc, and no ×), so "Remember in keychain" is never skipped unseen.
 */
export function NewSecretModal<R extends { key: Key; secret: string }>({
  workspaceId,
  target,
  onClose,
  title,
  doneTitle,
  form,
  done,
}: NewSecretModalProps<R>) {
  const shown = useLastNonNull(target)
  const [result, setResult] = useState<R | null>(null)
  const close = () => {
    setResult(null)
    onClose()
  }
  return (
    <AppModal
      opened={target !== null}
      onClose={close}
      closeOnClickOutside={false}
      closeOnEscape={!result}
      withCloseButton={!result}
      size="lg"
      title={result ? doneTitle : title}
    >
      {result ? (
        // A key whose secret Keydesk kept: the new one is kept too unless
        // unticked (the old one no longer works, and is forgotten).
        <SecretStep workspaceId={workspaceId} keyInfo={result.key} secret={result.secret} onDone={close} rememberAtFirst={!!shown?.remembered}>
          {done?.(result)}
        </SecretStep>
      ) : (
        shown && <Fragment key={shown.id}>{form({ target: shown, onCancel: close, onDone: setResult })}</Fragment>
      )}
    </AppModal>
  )
}
