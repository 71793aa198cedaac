import { Button, Center, Code, Stack, Text, Title } from '@mantine/core'
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { maskSecretsIn } from '../features/keys/masked'
import { en } from '../i18n/en'

interface ErrorBoundaryProps {
  children: ReactNode
  /** Starts the window over; the page's reload unless a test gives another. */
  onReload?: () => void
}

interface State {
  error: Error | null
}

/** Anything shaped like a key is masked: an error's text is shown, and may be copied into a bug report. */
const masked = (error: Error) => maskSecretsIn(String(error.message || error))

/**
 * What the window shows when drawing it failed, instead of the blank page
 * React leaves behind: that nothing is lost (keys live on the servers and in
 * the desktop's cache) and a way to start over.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Keydesk: the window failed to draw:', masked(error), info.componentStack)
  }

  render() {
    const { error } = this.state
    if (!error) return this.props.children
    const t = en.crashed
    return (
      <Center mih="100vh" p="xl" data-testid="crash-screen">
        <Stack maw={560} gap="md">
          <Title order={2}>{t.title}</Title>
          <Text>{t.hint}</Text>
          <Code block data-testid="crash-message">
            {masked(error)}
          </Code>
          <div>
            <Button onClick={this.props.onReload ?? (() => window.location.reload())} data-testid="crash-reload">
              {t.reload}
            </Button>
          </div>
        </Stack>
      </Center>
    )
  }
}
