/**
 * Mainland readiness in the page chrome (issue 24): the 公安联网备案 number beside the ICP number,
 * and a Weibo share link that is a plain link, on a page valid by the HTML standard's content model.
 */
import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { renderArticle } from "../../src/render/index.ts";
import { FIXTURE_SITE } from "../support/project.ts";
import { SEED_SLUG } from "../support/site.ts";

const { model } = await buildContent(FIXTURE_SITE);
const site = {
  ...model!.site,
  publicSecurity: {
    number: "粤公网安备44060402000123号",
    url: "https://beian.mps.gov.cn/#/query/webSearch?code=44060402000123",
  },
};
const article = model!.articles.find((a) => a.slug === SEED_SLUG)!;
const page = renderArticle({ article, related: [] }, site);

describe("the page chrome for readers in mainland China", () => {
  it("shows the 公安联网备案 number beside the ICP number, linked to its record", () => {
    expect(page).toContain(
      '<p><a href="https://beian.miit.gov.cn/" rel="noopener">粤ICP备11050138号</a> · <a href="https://beian.mps.gov.cn/#/query/webSearch?code=44060402000123" rel="noopener">粤公网安备44060402000123号</a>',
    );
  });

  it("offers a Weibo share link, a plain link with the article's URL and title", () => {
    const href = new URLSearchParams({ url: `${site.origin}/articles/${SEED_SLUG}`, title: article.title });
    expect(page).toContain(
      `href="https://service.weibo.com/share/share.php?${href.toString().replaceAll("&", "&amp;")}"`,
    );
  });

  it("is valid HTML by the standard's content model", async () => {
    const report = await new HtmlValidate({ extends: ["html-validate:standard"] }).validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});
