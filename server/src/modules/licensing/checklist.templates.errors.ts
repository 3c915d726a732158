import { badRequest, conflict, notFound } from '../../platform/errors.js';

/** Domain errors of the checklist-template engine: stable codes, Chinese messages, the offending field. */
export const TemplateErrors = {
  notFound: () => notFound('CHECKLIST_TEMPLATE_NOT_FOUND', '核查模板不存在'),
  chapterNotFound: () => notFound('CHECKLIST_CHAPTER_NOT_FOUND', '模板章节不存在'),
  itemNotFound: () => notFound('CHECKLIST_ITEM_NOT_FOUND', '核查条款不存在'),
  readOnly: (statusLabel: string) =>
    conflict('CHECKLIST_TEMPLATE_READ_ONLY', `模板${statusLabel}，只读；如需修改请基于它创建新版本`),
  codeTaken: (code: string) =>
    conflict('CHECKLIST_TEMPLATE_CODE_TAKEN', `模板编号“${code}”已存在，修改请创建新版本`, 'code'),
  draftExists: (code: string, version: number) =>
    conflict(
      'CHECKLIST_TEMPLATE_DRAFT_EXISTS',
      `模板“${code}”已有未发布的第 ${version} 版草稿，请在草稿上修改`,
    ),
  newVersionFromDraft: () => conflict('CHECKLIST_TEMPLATE_IS_DRAFT', '草稿可直接修改，不需要创建新版本'),
  itemCodeTaken: (code: string) =>
    conflict('CHECKLIST_ITEM_CODE_TAKEN', `条款编号“${code}”在本模板中已存在`, 'code'),
  invalid: (message: string, field: string) => badRequest('CHECKLIST_TEMPLATE_INVALID', message, field),
  cannotPublish: (message: string, field: string, problems: string[]) =>
    badRequest('CHECKLIST_TEMPLATE_INCOMPLETE', message, field, { problems }),
  chapterOfOtherTemplate: () => badRequest('CHECKLIST_CHAPTER_INVALID', '章节不属于该模板', 'chapterId'),
  orderInvalid: (message: string, field: string) => badRequest('CHECKLIST_ORDER_INVALID', message, field),
};
