import path from "node:path";
import type {
  FullResult,
  Reporter,
  TestCase,
  TestResult,
} from "@playwright/test/reporter";

/** Says where the traces and screenshots of failed tests were kept. */
export default class FailureReporter implements Reporter {
  private readonly kept: string[] = [];

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === "passed" || result.status === "skipped") {
      return;
    }
    const trace = result.attachments.find((item) => item.name === "trace");
    if (trace?.path) {
      const where = path.relative(process.cwd(), trace.path);
      this.kept.push(`  ${test.title}:\n    ${where}`);
    }
  }

  onEnd(result: FullResult): void {
    if (result.status === "passed" || this.kept.length === 0) {
      return;
    }
    console.log(
      [
        "",
        "Traces and screenshots of the failed tests are kept in test-results/:",
        ...this.kept,
        "Open a trace: npx playwright show-trace <path to trace.zip>",
        "All results: npx playwright show-report",
      ].join("\n"),
    );
  }
}
