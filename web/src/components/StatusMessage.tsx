import type { ReactNode } from 'react';

const COLORS = { error: '#cf1322', warning: '#d48806', info: '#1f5fbf' } as const;

/**
 * A page-sized status message (404, 403, a broken page). Light on purpose: it sits in the shell's first
 * load, where antd's Result (with its illustrations) would cost ~10 kB gzip.
 */
export function StatusMessage(props: {
  code?: string;
  title: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
  tone?: keyof typeof COLORS;
}) {
  return (
    <div
      role="alert"
      data-testid={props.code ? `status-${props.code}` : 'status-message'}
      className="samr-status"
      style={{ textAlign: 'center', padding: '64px 16px' }}
    >
      {props.code && (
        <div style={{ fontSize: 56, fontWeight: 600, color: COLORS[props.tone ?? 'info'], lineHeight: 1.2 }}>
          {props.code}
        </div>
      )}
      <div style={{ fontSize: 20, margin: '12px 0 8px' }}>{props.title}</div>
      {props.subTitle && <div style={{ color: 'rgba(0,0,0,0.45)' }}>{props.subTitle}</div>}
      {props.extra && <div style={{ marginTop: 24 }}>{props.extra}</div>}
    </div>
  );
}
