/** Article bodies are UTF-8 text modules (wrangler's default `Text` rule for *.html). */
declare module "*.html" {
  const text: string;
  export default text;
}

/** OpenCC's dictionaries as opencc-js publishes them: "from to|from to|…" (search/fold.ts). */
declare module "opencc-js/dict/*" {
  const dictionary: string;
  export default dictionary;
}
