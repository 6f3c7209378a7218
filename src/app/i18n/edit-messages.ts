/**
 * The web app's editing strings (issue 20, part B): the metadata form, delete and restore,
 * category management, revision diffs and the language switch, in both languages.
 */
export interface EditMessages {
  editDetails: string;
  detailsTitle: (title: string) => string;
  arxiv: string;
  doi: string;
  /** Under the tags field. */
  tagsHint: string;
  noCategory: string;
  saveDetails: string;
  /** The form's save was refused: the file changed on disk since the form was filled. */
  detailsConflict: string;
  reloadForm: string;
  delete: string;
  confirmDelete: (title: string) => string;
  deleted: (title: string) => string;
  restored: string;
  deletedTitle: string;
  deletedIntro: string;
  noDeleted: string;
  categoriesTitle: string;
  addCategory: string;
  categoryName: string;
  rename: string;
  renameTo: string;
  paperCount: (n: number) => string;
  moveTo: string;
  move: string;
  /** The revisions page: a revision against the current text. */
  diffTitle: string;
  sameAsCurrent: string;
  current: string;
  language: string;
}

export const editsEn: EditMessages = {
  editDetails: "Edit details",
  detailsTitle: (title) => `Details of ${title}`,
  arxiv: "arXiv id",
  doi: "DOI",
  tagsHint: "Separated by commas.",
  noCategory: "(none)",
  saveDetails: "Save details",
  detailsConflict:
    "The file changed on disk since this form was filled; nothing was saved. What it holds now is listed below: save again to replace it with the form's values.",
  reloadForm: "Reload the form",
  delete: "Delete",
  confirmDelete: (title) =>
    `Delete “${title}”? Its file is kept in revisions/ and can be restored.`,
  deleted: (title) => `Deleted “${title}”.`,
  restored: "Restored.",
  deletedTitle: "Deleted items",
  deletedIntro:
    "Papers and episodes deleted in the app, kept in revisions/. Restore one to bring its file back.",
  noDeleted: "Nothing was deleted.",
  categoriesTitle: "Categories",
  addCategory: "Add category",
  categoryName: "Name",
  rename: "Rename",
  renameTo: "New name",
  paperCount: (n) => `${n} ${n === 1 ? "paper" : "papers"}`,
  moveTo: "Move to",
  move: "Move",
  diffTitle: "Changes from this revision to the current text",
  sameAsCurrent: "Same as the current text.",
  current: "current",
  language: "Language",
};

export const editsZh: EditMessages = {
  editDetails: "编辑信息",
  detailsTitle: (title) => `编辑 ${title} 的信息`,
  arxiv: "arXiv 编号",
  doi: "DOI",
  tagsHint: "用逗号分隔。",
  noCategory: "（无）",
  saveDetails: "保存信息",
  detailsConflict:
    "表单打开后文件已在磁盘上被修改，没有保存。现在显示的是磁盘上的内容：请重新修改。",
  reloadForm: "重新载入表单",
  delete: "删除",
  confirmDelete: (title) => `删除「${title}」？文件会保留在 revisions/ 中，可以恢复。`,
  deleted: (title) => `已删除「${title}」。`,
  restored: "已恢复。",
  deletedTitle: "已删除的条目",
  deletedIntro: "在应用中删除的论文和视频，保留在 revisions/ 中。恢复即可找回文件。",
  noDeleted: "没有删除过的条目。",
  categoriesTitle: "分类",
  addCategory: "添加分类",
  categoryName: "名称",
  rename: "重命名",
  renameTo: "新名称",
  paperCount: (n) => `${n} 篇论文`,
  moveTo: "移到",
  move: "移动",
  diffTitle: "从这个版本到当前文本的改动",
  sameAsCurrent: "与当前文本相同。",
  current: "当前",
  language: "语言",
};
