import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call, csrfToken, toApiError } from '../api/client';
import type { paths } from '../api/schema';
import { DocumentPreviewModal, type FileMeta } from './DocumentPreview';

type Uploaded = paths['/api/files/']['post']['responses']['201']['content']['application/json'];

interface Props {
  /** Ids of uploaded files (what a form submits as `attachments`). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** The file chooser's filter, e.g. ".pdf,.jpg,.png"; the server checks the content anyway. */
  accept?: string;
  maxCount?: number;
  disabled?: boolean;
  /** Button text. */
  buttonText?: string;
  /** Told when uploads start and finish, so a form can wait before it submits. */
  onUploadingChange?: (uploading: boolean) => void;
}

/** Uploads one file with progress (fetch has no upload progress, XHR has). Rejects with the server's message. */
function send(
  file: File,
  onProgress: (percent: number) => void,
): { promise: Promise<Uploaded>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Uploaded>((resolve, reject) => {
    xhr.open('POST', '/api/files/');
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Uploaded);
      else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(toApiError(0, { code: 'NETWORK', message: '网络连接失败，请检查网络后重试' }));
    xhr.onabort = () => reject(toApiError(0, { code: 'ABORTED', message: '已取消上传' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** The uploaded file id of a list entry (entries that failed or are still uploading have none). */
const idOf = (f: UploadFile) => (f.status === 'done' ? (f.response as Uploaded | undefined)?.id : undefined);

/**
 * Attachment upload bound to POST /api/files (CSRF header, progress bar, the server's Chinese type and size
 * errors). A form field: value/onChange are the ids of uploaded files. Files removed before the form is saved
 * are deleted on the server when this upload created them (the server only deletes unattached own files).
 */
export function FileUpload(props: Props) {
  const { value, onChange, accept, maxCount, disabled, buttonText = '上传附件', onUploadingChange } = props;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [list, setList] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<string>();
  const mine = useRef(new Set<string>());
  const listRef = useRef(list);
  listRef.current = list;

  // Ids given from outside (an edit form, a reset) show as done entries; their names come from the server.
  useEffect(() => {
    const ids = value ?? [];
    const prev = listRef.current;
    const kept = prev.filter((f) => f.status !== 'done' || ids.includes(idOf(f) ?? ''));
    const known = new Set(kept.map(idOf).filter(Boolean));
    const added: UploadFile[] = ids
      .filter((id) => !known.has(id))
      .map((id) => ({ uid: id, name: '附件', status: 'done', response: { id } as Uploaded }));
    if (added.length === 0 && kept.length === prev.length) return;
    setList([...kept, ...added]);
    for (const f of added) {
      void qc
        .fetchQuery({
          queryKey: ['file', f.uid],
          queryFn: () => call(api.GET('/api/files/{id}', { params: { path: { id: f.uid } } })),
          staleTime: 10 * 60_000,
        })
        .then((m: FileMeta) =>
          setList((cur) => cur.map((x) => (x.uid === f.uid ? { ...x, name: m.name, size: m.size } : x))),
        )
        .catch(() => undefined);
    }
  }, [value, qc]);

  const emit = (next: UploadFile[]) => {
    const ids = next.map(idOf).filter((x): x is string => !!x);
    const cur = value ?? [];
    if (ids.length !== cur.length || ids.some((id, i) => id !== cur[i])) onChange?.(ids);
  };

  const customRequest: UploadProps['customRequest'] = (opts) => {
    const file = opts.file as File & { uid: string };
    const { promise, abort } = send(file, (percent) => opts.onProgress?.({ percent }));
    promise.then(
      (meta) => {
        mine.current.add(meta.id);
        qc.setQueryData(['file', meta.id], meta);
        opts.onSuccess?.(meta);
      },
      (e: Error) => {
        if ((e as { code?: string }).code !== 'ABORTED') void message.error(`${file.name}：${e.message}`, 6);
        // antd shows a string `response` as the tooltip of the failed entry.
        opts.onError?.(e, e.message);
      },
    );
    return { abort };
  };

  const uploading = list.some((f) => f.status === 'uploading');
  useEffect(() => onUploadingChange?.(uploading), [uploading, onUploadingChange]);

  const onListChange: UploadProps['onChange'] = ({ file, fileList }) => {
    setList(fileList);
    listRef.current = fileList;
    if (file.status === 'done' || file.status === 'removed') emit(fileList);
  };

  const onRemove = (f: UploadFile) => {
    const id = idOf(f);
    if (id && mine.current.has(id)) {
      mine.current.delete(id);
      // Best effort: an unattached upload of ours; if it is already attached the server keeps it.
      void api.DELETE('/api/files/{id}', { params: { path: { id } } }).catch(() => undefined);
    }
    return true;
  };

  const full = maxCount !== undefined && list.filter((f) => f.status !== 'error').length >= maxCount;

  return (
    // The progress line of an uploading entry hangs below it; keep it off whatever follows.
    <div data-testid="file-upload" style={{ paddingBottom: uploading ? 12 : 0 }}>
      <Upload
        fileList={list}
        accept={accept}
        multiple={maxCount === undefined || maxCount > 1}
        maxCount={maxCount === 1 ? 1 : undefined}
        disabled={disabled}
        customRequest={customRequest}
        onChange={onListChange}
        onRemove={onRemove}
        beforeUpload={(_f, batch) => {
          if (maxCount !== undefined && maxCount > 1) {
            const room = maxCount - listRef.current.filter((f) => f.status !== 'error').length;
            if (batch.length > room) {
              void message.warning(`最多上传 ${maxCount} 个附件`);
              return batch.indexOf(_f) < room ? true : Upload.LIST_IGNORE;
            }
          }
          return true;
        }}
        onPreview={(f) => {
          const id = idOf(f);
          if (id) setPreview(id);
        }}
        progress={{ strokeWidth: 3, showInfo: true, format: (p) => `${p ?? 0}%` }}
      >
        <Button icon={<UploadOutlined />} disabled={disabled || (full && maxCount !== 1)}>
          {buttonText}
        </Button>
      </Upload>
      <DocumentPreviewModal fileId={preview} open={!!preview} onClose={() => setPreview(undefined)} />
    </div>
  );
}
