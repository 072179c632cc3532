/** A one-line progress bar on stderr (plain lines when stderr is not a terminal, as in CI). */
export function progress(label: string, initialTotal: number) {
  let total = initialTotal;
  const tty = process.stderr.isTTY;
  let last = -1;
  return {
    tick(done: number, detail = "") {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (tty) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        process.stderr.write(
          `\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} ${detail.slice(0, 40).padEnd(40)}`,
        );
      } else if (pct >= last + 25 || done === total) {
        process.stderr.write(`${label}: ${done}/${total}\n`);
        last = pct;
      }
    },
    /** For work that discovers more of itself as it goes (a crawl). */
    setTotal(n: number) {
      total = n;
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
