/** Article bodies are UTF-8 text modules (wrangler's default `Text` rule for *.html). */
declare module "*.html" {
  const text: string;
  export default text;
}
