export { buildContent, newestFirst, type BuildOptions, type BuildResult } from "./build.ts";
export { formatIssue, sortIssues, summarize, type ContentIssue, type Lang } from "./issues.ts";
export {
  CATALOGUE,
  ISSUE_CODES,
  issue,
  type CatalogueIssue,
  type IssueCode,
  type IssueDetails,
  type IssueKind,
  type SchemaDetails,
  type ZhText,
  type Where,
} from "./catalogue.ts";
export { writeGenerated, writeMedia, GENERATED_DIR } from "./write.ts";
export { LEDGER_FILE, writeLedger } from "./ledger.ts";
