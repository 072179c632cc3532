/** The worker: the app over the content built from content/ (src/generated, see scripts/). */
import { createApp } from "./app.ts";
import { content, RENDER_VERSION } from "./generated/content.ts";

export default createApp({ content, renderVersion: RENDER_VERSION });
