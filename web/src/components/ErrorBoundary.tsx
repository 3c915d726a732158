import { Button } from 'antd';
import { StatusMessage } from './StatusMessage';
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps one broken page from blanking the whole console; offers a retry. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Failed to fetch/i.test(this.state.error.message);
    return (
      <StatusMessage
        code="!"
        tone="error"
        title={chunk ? '页面加载失败，请检查网络后重试' : '页面出现错误'}
        subTitle={chunk ? undefined : this.state.error.message}
        extra={
          <Button
            type="primary"
            onClick={() => (chunk ? window.location.reload() : this.setState({ error: null }))}
          >
            重试
          </Button>
        }
      />
    );
  }
}
