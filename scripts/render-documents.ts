/**
 * The pictures of the two documents in docs/: the sample conference (scripts/sample-conference.ts) written as
 * DOCX, converted to PDF by LibreOffice and the first page of each to PNG by poppler's pdftoppm.
 *
 *   npm run documents:pictures      (npm run build && node dist/scripts/render-documents.js [year])
 *
 * Needs `soffice` and `pdftoppm` (Debian: libreoffice-writer-nogui, poppler-utils, fonts-liberation). Times New
 * Roman is not packaged by Debian: LibreOffice sets the documents in Liberation Serif, whose letters have the
 * same widths, so the lines and pages break as in Word. Not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlocConfig } from '../config/load';
import { minutesDocx } from '../documents/minutes';
import { proposalDocx } from '../documents/proposal';
import { sampleConference } from './sample-conference';

const ROOT = join(__dirname, '..', '..');

async function main(): Promise<void> {
  const year = Number(process.argv[2] ?? 2049);
  const model = sampleConference(loadBlocConfig(join(ROOT, 'config', 'blocs', 'dak-nong-khoi-4.yaml')), year);
  const dir = mkdtempSync(join(tmpdir(), 'bloc-documents-'));
  try {
    const documents = { 'conference-minutes': await minutesDocx(model), 'conference-proposal': await proposalDocx(model) };
    for (const [name, bytes] of Object.entries(documents)) {
      const docx = join(dir, `${name}.docx`);
      writeFileSync(docx, bytes);
      // A profile of its own, so that a LibreOffice already open on the desktop is not asked to do it.
      execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'inherit' });
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(dir, `${name}.pdf`), join(dir, name)], { stdio: 'inherit' });
      copyFileSync(join(dir, `${name}.png`), join(ROOT, 'docs', `${name}.png`));
      process.stdout.write(`docs/${name}.png\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
