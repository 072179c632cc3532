/** The worker: the app over the content built from content/ (src/generated, see scripts/). */
import { createApp } from "./app.ts";
import { content } from "./generated/content.ts";

export default createApp({ content });
