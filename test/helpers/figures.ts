import { appendFileSync } from 'node:fs';

/**
 * Prints a suite's figures in the test output and, when `npm test` asks for them (MX_IAV_FIGURES_FILE), appends
 * them to its summary so they appear next to "N passed, N failed".
 */
export function reportFigures(suite: string, figures: Record<string, string | number>): void {
  const line = `${suite}: ${Object.entries(figures)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ')}`;
  console.log(line);
  const file = process.env.MX_IAV_FIGURES_FILE;
  if (file) appendFileSync(file, `${line}\n`);
}

/** CI size by default; MX_IAV_FULL_SUITES=1 runs the full size. */
export const fullSuites = (): boolean => process.env.MX_IAV_FULL_SUITES === '1';
