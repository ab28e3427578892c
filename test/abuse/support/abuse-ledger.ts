/**
 * What one abuse test sent and what came back: inputs by kind, answers by code, and the rule breaches grouped
 * by finding (the same breach on the same kind of input), each with the smallest input that showed it. The
 * suite keeps sending after a breach, so one run reports every finding, not just the first.
 */
export interface Breach {
  /** The rule broken, e.g. "5xx", "INTERNAL_SERVER_ERROR", "error without extensions.code". */
  rule: string;
  /** Where: the kind of input and its target (root field, path, message type). */
  where: string;
  /** What came back, shortened. */
  answer: string;
}

interface Finding extends Breach {
  count: number;
  input: string;
}

const MAX_INPUT_CHARS = 1_200;

/** A readable, bounded rendering of an input: long runs of one character are folded. */
export function describeInput(input: unknown): string {
  const text =
    typeof input === "string" ? input : (JSON.stringify(input, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value)) ?? String(input));
  const folded = text.replace(/(.)\1{31,}/gsu, (run, char: string) => `${char}{×${run.length}}`);
  return folded.length > MAX_INPUT_CHARS ? `${folded.slice(0, MAX_INPUT_CHARS)}… (${folded.length} chars)` : folded;
}

export class AbuseLedger {
  private sent = 0;
  private readonly answers = new Map<string, number>();
  private readonly findings = new Map<string, Finding>();

  constructor(
    readonly name: string,
    readonly seed: number,
  ) {}

  /** One input sent; `codes` are the codes of its answer ("ok" for a clean one). */
  record(codes: string[]): void {
    this.sent += 1;
    for (const code of new Set(codes.length ? codes : ["ok"])) this.answers.set(code, (this.answers.get(code) ?? 0) + 1);
  }

  breach(breach: Breach, input: unknown): void {
    const key = `${breach.rule} | ${breach.where}`;
    const rendered = describeInput(input);
    const known = this.findings.get(key);
    if (!known) this.findings.set(key, { ...breach, count: 1, input: rendered });
    else {
      known.count += 1;
      // The smallest input that shows a finding is the easiest to replay: keep it.
      if (rendered.length < known.input.length) Object.assign(known, { input: rendered, answer: breach.answer });
    }
  }

  get breaches(): number {
    return this.findings.size;
  }

  /** `[abuse] <name>: inputs sent N; answers: ok n, BAD_USER_INPUT n, …; findings n` */
  summary(): string {
    const answers = [...this.answers]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
    return `[abuse] ${this.name}: inputs sent ${this.sent}; answers by code: ${answers || "none"}; findings ${this.findings.size}`;
  }

  /** Every finding, for the failure message. */
  report(): string {
    return [...this.findings.values()]
      .map((f, i) => `${i + 1}. ${f.rule} — ${f.where} (${f.count}×)\n   answer: ${f.answer}\n   smallest input: ${f.input}`)
      .join("\n");
  }
}
