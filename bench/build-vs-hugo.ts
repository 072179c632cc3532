/**
 * `npm run bench:build [-- --sizes 20000,100000 --rounds 3]`: the cold content build against Hugo
 * building the same synthetic corpus (bench/scale-project.ts, as bench:scale builds it), and
 * nothing else: no bundle, no servers, no requests. Each round builds every size with our build
 * then Hugo, back to back (both from nothing: no cache, no earlier output), so the machine's drift
 * hits both alike; prints each round, then the medians and their ratio. Writes no result file.
 */
import { rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildProject, hasHugo, hugoBuild, hugoSite, makeCold, scaleProject } from "./scale-project.ts";
import { median } from "./stats.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
  },
});
const root = join(import.meta.dirname, "..");
const sizes = values.sizes.split(",").map(Number);
const rounds = Number(values.rounds);
const log = (s: string) => console.error(`bench:build: ${s}`);
if (!hasHugo()) {
  log("hugo is not installed (apt-get install hugo)");
  process.exit(1);
}
log(
  `${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores available, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

const sites = [];
for (const count of sizes) {
  const dir = await scaleProject(root, count, log);
  sites.push({ count, dir, hugo: await hugoSite(root, dir, count), ours: [] as number[], theirs: [] as number[] });
}
for (let round = 1; round <= rounds; round++) {
  for (const site of sites) {
    // Alternate which goes first, so neither always meets a machine the other just warmed or tired.
    const order = round % 2 ? (["ours", "theirs"] as const) : (["theirs", "ours"] as const);
    for (const who of order) {
      if (who === "ours") {
        await makeCold(site.dir);
        site.ours.push((await buildProject(site.dir)).seconds);
      } else site.theirs.push(await hugoBuild(site.hugo));
    }
    log(
      `${site.count}: round ${round}/${rounds}: ours ${site.ours.at(-1)!.toFixed(2)} s, Hugo ${site.theirs
        .at(-1)!
        .toFixed(
          2,
        )} s, ratio ${(site.ours.at(-1)! / site.theirs.at(-1)!).toFixed(2)} (load ${loadavg()[0]!.toFixed(2)})`,
    );
  }
}
for (const site of sites) {
  const ours = median(site.ours);
  const theirs = median(site.theirs);
  const ratios = site.ours.map((s, i) => s / site.theirs[i]!);
  console.log(
    `${site.count} articles, ${rounds} rounds: ours ${ours.toFixed(2)} s (${site.ours.map((s) => s.toFixed(2)).join(", ")}), ` +
      `Hugo ${theirs.toFixed(2)} s (${site.theirs.map((s) => s.toFixed(2)).join(", ")}); ` +
      `ratio of medians ${(ours / theirs).toFixed(2)}, median of round ratios ${median(ratios).toFixed(2)}`,
  );
  await rm(site.dir, { recursive: true, force: true });
  await rm(site.hugo, { recursive: true, force: true });
}
