import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { useMemo } from 'react';
import type { CreateTemplateBody } from './AdminTemplate';

type ImportChapter = NonNullable<CreateTemplateBody['chapters']>[number];

export interface ParsedImport {
  chapters: ImportChapter[];
  rows: Array<{
    line: number;
    chapter: string;
    code: string;
    content: string;
    veto: boolean;
    method: string;
  }>;
  errors: string[];
}

const MAX_CHAPTERS = 50;
const MAX_ITEMS_PER_CHAPTER = 500;
const VETO_WORDS = new Set(['是', 'y', 'yes', '*', '★', '☆', '√', '✓', '1', 'true', '否决', '否决项']);

/** Splits delimited text into rows of cells; quoted cells (as Excel copies them) may hold tabs and newlines. */
export function splitDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Parses rows 章节 / 条款号 / 核查内容 / 否决项 [/ 核查方法或要点 / 适用条件]. An empty 章节 cell continues the
 * chapter above (merged cells); a 条款号 marked with * is a 否决项; a header row is skipped.
 */
export function parseTemplateRows(text: string): ParsedImport {
  const delimiter = text.includes('\t') ? '\t' : ',';
  const raw = splitDelimited(text, delimiter);
  const errors: string[] = [];
  const rows: ParsedImport['rows'] = [];
  const chapters: ImportChapter[] = [];
  const codes = new Map<string, number>();
  let current: ImportChapter | undefined;
  raw.forEach((cells, idx) => {
    const line = idx + 1;
    const [chapterCell = '', codeCell = '', contentCell = '', vetoCell = '', methodCell = '', whenCell = ''] =
      cells.map((c) => c.trim());
    if (!cells.some((c) => c.trim())) return;
    if (idx === 0 && /章/.test(chapterCell) && /(编号|条款|序号)/.test(codeCell)) return;
    let code = codeCell;
    let veto = VETO_WORDS.has(vetoCell.toLowerCase());
    if (/^[*＊★]|[*＊★]$/.test(code)) {
      veto = true;
      code = code.replace(/^[*＊★]+|[*＊★]+$/g, '').trim();
    }
    if (chapterCell && chapterCell !== current?.title) {
      current = { title: chapterCell.slice(0, 200), items: [] };
      chapters.push(current);
      if (chapterCell.length > 200) errors.push(`第 ${line} 行：章节名称超过 200 字，已截断`);
    }
    if (!current) {
      errors.push(`第 ${line} 行：缺少章节名称（第一行必须填写章节）`);
      return;
    }
    if (!code && !contentCell) return; // a chapter heading row
    if (!code) return void errors.push(`第 ${line} 行：缺少条款编号`);
    if (code.length > 32) return void errors.push(`第 ${line} 行：条款编号“${code}”超过 32 位`);
    if (!contentCell) return void errors.push(`第 ${line} 行：条款 ${code} 缺少核查内容`);
    if (contentCell.length > 2000)
      return void errors.push(`第 ${line} 行：条款 ${code} 的核查内容超过 2000 字`);
    if (codes.has(code))
      return void errors.push(`第 ${line} 行：条款编号“${code}”与第 ${codes.get(code)} 行重复`);
    codes.set(code, line);
    current.items!.push({
      code,
      content: contentCell,
      veto,
      ...(methodCell ? { method: methodCell.slice(0, 2000) } : {}),
      ...(whenCell ? { appliesWhen: whenCell.slice(0, 500) } : {}),
    });
    rows.push({ line, chapter: current.title, code, content: contentCell, veto, method: methodCell });
  });
  if (chapters.length > MAX_CHAPTERS)
    errors.push(`章节共 ${chapters.length} 个，一个模板最多 ${MAX_CHAPTERS} 个`);
  for (const c of chapters)
    if ((c.items?.length ?? 0) > MAX_ITEMS_PER_CHAPTER)
      errors.push(`章节“${c.title}”有 ${c.items!.length} 条条款，每章最多 ${MAX_ITEMS_PER_CHAPTER} 条`);
  return { chapters, rows, errors };
}

/** Reads an uploaded text file: UTF-8, else GB18030 (what Excel on Chinese Windows saves). */
async function readText(file: File): Promise<string> {
  const buf = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** 从表格导入: a paste area (or a text file) for the 章节 and 条款 of a 细则's 核查记录表, with a preview. */
export function TemplateImportArea(props: { value: string; onChange: (v: string) => void }) {
  const parsed = useMemo(() => parseTemplateRows(props.value), [props.value]);
  const vetoCount = parsed.rows.filter((r) => r.veto).length;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        每行一条条款，各列依次为：<b>章节</b>、<b>条款编号</b>、<b>核查内容</b>、<b>否决项</b>
        （填“是”或“*”），可选第 5 列“核查方法或要点”、第 6
        列“适用条件”。章节为空时沿用上一行的章节；条款编号带“*”的视为否决项；首行为表头时自动跳过。 可在 Excel
        中选中表格区域复制后直接粘贴，或上传另存为“文本文件（制表符分隔）”或 CSV 的文件。
      </Typography.Paragraph>
      <Space>
        <Upload
          accept=".txt,.tsv,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void readText(file).then(props.onChange);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>上传文本文件</Button>
        </Upload>
        {props.value && <Button onClick={() => props.onChange('')}>清空</Button>}
      </Space>
      <Input.TextArea
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        rows={8}
        placeholder={
          '一、质量管理职责\t1.1\t企业应建立质量管理制度……\t否\n\t1.2*\t企业应配备与生产相适应的检验设备……\t是'
        }
        style={{ fontFamily: 'monospace' }}
      />
      {parsed.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有 ${parsed.errors.length} 处问题，请修改后再导入`}
          description={
            <ul style={{ paddingLeft: 20, margin: 0, maxHeight: 160, overflow: 'auto' }}>
              {parsed.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      {parsed.rows.length > 0 && (
        <>
          <Typography.Text>
            识别到 {parsed.chapters.length} 个章节、{parsed.rows.length} 条条款，其中否决项 {vetoCount} 条。
          </Typography.Text>
          <Table
            size="small"
            rowKey="line"
            dataSource={parsed.rows}
            pagination={parsed.rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
            columns={[
              { key: 'chapter', title: '章节', dataIndex: 'chapter', width: 180 },
              {
                key: 'code',
                title: '条款编号',
                dataIndex: 'code',
                width: 90,
                render: (v: string, r) => (
                  <>
                    {v} {r.veto && <Tag color="red">否决项</Tag>}
                  </>
                ),
              },
              { key: 'content', title: '核查内容', dataIndex: 'content', ellipsis: true },
            ]}
          />
        </>
      )}
    </Space>
  );
}
