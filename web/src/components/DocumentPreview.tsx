import { DownloadOutlined, EyeOutlined, FileOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Space, Spin, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, call, download } from '../api/client';
import type { paths } from '../api/schema';
import { errorText, useErrorHandler } from './errors';

export type FileMeta = paths['/api/files/{id}']['get']['responses']['200']['content']['application/json'];

/** Types the server sends inline (files.rules.ts canPreviewInline). */
const INLINE = new Set(['pdf', 'png', 'jpg']);

/** Whether a stored file can be shown in the browser (PDF, JPG, PNG). */
export const canPreview = (ext: string | undefined) => !!ext && INLINE.has(ext);

/** URL of a file's content; inline for the preview, attachment for download. */
export const fileContentUrl = (id: string, inline = false) =>
  `/api/files/${encodeURIComponent(id)}/content${inline ? '?inline=true' : ''}`;

/** Human-readable size: 1.2 MB. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Metadata of a file (name, type, size), cached: file contents never change under an id. */
export function useFileMeta(fileId: string | undefined) {
  return useQuery({
    queryKey: ['file', fileId],
    queryFn: () => call(api.GET('/api/files/{id}', { params: { path: { id: fileId! } } })),
    enabled: !!fileId,
    staleTime: 10 * 60_000,
  });
}

/** Downloads a stored file under its original name. */
export function useFileDownload() {
  const onError = useErrorHandler();
  return async (id: string, name?: string) => {
    try {
      await download(fileContentUrl(id), name ?? '附件');
    } catch (e) {
      onError(e);
    }
  };
}

interface ModalProps {
  fileId: string | undefined;
  open: boolean;
  onClose: () => void;
}

/** The preview dialog of one file: PDF in a frame, images as an image, other types offer a download. */
export function DocumentPreviewModal({ fileId, open, onClose }: ModalProps) {
  const meta = useFileMeta(open ? fileId : undefined);
  const doDownload = useFileDownload();
  const m = meta.data;
  const inline = canPreview(m?.ext);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={m ? m.name : '附件预览'}
      width={inline ? 960 : 480}
      destroyOnHidden
      centered
      footer={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            disabled={!m}
            onClick={() => m && void doDownload(m.id, m.name)}
          >
            下载
          </Button>
          <Button type="primary" onClick={onClose}>
            关闭
          </Button>
        </Space>
      }
    >
      <div data-testid="document-preview">
        {meta.isLoading ? (
          <Spin style={{ display: 'block', margin: 48 }} />
        ) : meta.error ? (
          <Typography.Text type="danger">{errorText(meta.error)}</Typography.Text>
        ) : m && m.ext === 'pdf' ? (
          <iframe
            title={m.name}
            src={fileContentUrl(m.id, true)}
            style={{ width: '100%', height: '75vh', border: '1px solid #f0f0f0' }}
          />
        ) : m && inline ? (
          <div style={{ textAlign: 'center', maxHeight: '75vh', overflow: 'auto' }}>
            <img src={fileContentUrl(m.id, true)} alt={m.name} style={{ maxWidth: '100%' }} />
          </div>
        ) : m ? (
          <Space orientation="vertical">
            <Typography.Text>
              <FileOutlined /> {m.name}（{m.ext.toUpperCase()}，{formatSize(m.size)}）
            </Typography.Text>
            <Typography.Text type="secondary">该类型文件不能在浏览器中预览，请下载后查看。</Typography.Text>
          </Space>
        ) : null}
      </div>
    </Modal>
  );
}

interface Props {
  fileId: string;
  /** Shown before the metadata arrives (and instead of it, when given). */
  name?: string;
  /** link (default): the file name as a link; button: a small "预览"/"下载" button. */
  mode?: 'link' | 'button';
}

/**
 * One stored file: PDF and images open in a preview dialog (`/api/files/:id/content?inline=true`), other types
 * download. Shows the file name and size from the server's metadata.
 */
export function DocumentPreview({ fileId, name, mode = 'link' }: Props) {
  const [open, setOpen] = useState(false);
  const meta = useFileMeta(fileId);
  const doDownload = useFileDownload();
  const m = meta.data;
  const label = name ?? m?.name ?? (meta.isLoading ? '加载中…' : '附件');
  const inline = canPreview(m?.ext);
  const onOpen = () => (inline ? setOpen(true) : void doDownload(fileId, m?.name ?? name));

  if (meta.error)
    return (
      <Tooltip title={errorText(meta.error)}>
        <Typography.Text type="secondary" data-testid="document-link">
          <WarningOutlined /> {name ?? '附件不可用'}
        </Typography.Text>
      </Tooltip>
    );

  return (
    <>
      {mode === 'button' ? (
        <Button
          size="small"
          icon={inline ? <EyeOutlined /> : <DownloadOutlined />}
          disabled={!m}
          onClick={onOpen}
          data-testid="document-link"
        >
          {inline ? '预览' : '下载'}
        </Button>
      ) : (
        <Space size={4} data-testid="document-link">
          <Tooltip
            title={
              m
                ? `${m.ext.toUpperCase()}，${formatSize(m.size)}${inline ? '，点击预览' : '，点击下载'}`
                : undefined
            }
          >
            <Typography.Link onClick={onOpen} disabled={!m}>
              <FileOutlined /> {label}
            </Typography.Link>
          </Tooltip>
          {inline && (
            <Tooltip title="下载">
              <Button
                type="text"
                size="small"
                icon={<DownloadOutlined />}
                aria-label="下载"
                onClick={() => void doDownload(fileId, m?.name)}
              />
            </Tooltip>
          )}
        </Space>
      )}
      {inline && <DocumentPreviewModal fileId={fileId} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
