/**
 * The web console for tests: the dev server with the real worker, two bloc-years of the server's next year
 * (as test/integration/cli-workflow.test.ts: the dev server keeps real time, and a year far ahead such as
 * FIXTURE_YEAR fails its replays there with a patch-marker nondeterminism error), an accounts file of a
 * bloc's secretariat, its leader and the province board, and a cookie-keeping HTTP client.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import type { BlocConfig, BlocConfigInput } from '../../config/schema';
import { OVERDUE_COUNT } from '../../workflows/search-attributes';
import { addAccount } from '../../client/accounts';
import { startWebServer, type WebServer, type WebServerOptions } from '../../web/server';
import { unitLinker, type UnitLinkKeys } from '../../activities/mail/unit-links';
import { freePort } from '../../scripts/provision';
import { smallBloc } from './fixtures';
import { startEngine, type Engine } from './engine';
import { startTestSmtpServer, type TestSmtpServer } from './smtp';
import { startTimeSkippingEngine, type TimeSkippingEngine } from './time-skipping-engine';
import { createDevServerEnv, serverClock, serverNow } from './temporal';

export const BLOC = 'thu-nghiem';
export const OTHER_BLOC = 'khoi-khac';
/** Markup in a unit's name, which every page must show as text. */
export const REPORT_TITLE_EN = 'Mid-year report';
export const MARKUP_UNIT_NAME = 'Sở <b>Bê</b> & "Cờ"';
export const PASSWORD = 'mật-khẩu-đủ-dài-2049';
/** The console's limit on an attached document, small so that a test can exceed it cheaply. */
export const UPLOAD_LIMIT = 256 * 1024;
/** What one unit may upload through its links in a day, in these tests: two large files. */
export const LINK_DAILY_LIMIT = 512 * 1024;

/** The Temporal UI's origin, as `npm start` runs it: the codec endpoint answers it. */
export const UI_ORIGIN = 'http://127.0.0.1:8233';

/** The units' link keys: the current one, and an old one still accepted (a rotation under way). */
export const UNIT_LINK_KEYS: UnitLinkKeys = {
  current: randomBytes(32).toString('base64url'),
  previous: { key: randomBytes(32).toString('base64url'), until: Date.parse('2100-01-01T00:00:00Z') },
};

/** The accounts of the console under test, each with PASSWORD. */
export const ACCOUNTS = {
  secretariat: { name: 'thu-ky', role: 'secretariat', blocs: [BLOC] },
  leader: { name: 'lanh-dao', role: 'leader', blocs: [BLOC] },
  board: { name: 'ban-tdkt', role: 'board', blocs: 'all' },
  /** Only for the sign-in limit test, which locks it. */
  locked: { name: 'thu-ky-khoa', role: 'secretariat', blocs: [BLOC] },
} as const;

/** OTHER_BLOC's scoring table: a quantitative criterion with bonus, a qualitative one, one with deductions. */
export const SCORING_TABLE: NonNullable<BlocConfigInput['scoring']> = {
  item: 'cham-diem',
  illustrative: true,
  total: 60,
  groups: [
    {
      code: 'I',
      title: 'Thực hiện nhiệm vụ chính trị được giao',
      criteria: [
        { code: 'I.1', title: 'Kết quả thực hiện các chỉ tiêu, nhiệm vụ kế hoạch năm được giao', kind: 'quantitative', max: 40, bonus: { max: 5 } },
        { code: 'I.2', title: 'Chất lượng công tác tham mưu, chỉ đạo, điều hành', kind: 'qualitative', max: 10 },
      ],
    },
    {
      code: 'II',
      title: 'Công tác thi đua, khen thưởng',
      criteria: [{ code: 'II.1', title: 'Thực hiện chế độ thông tin, báo cáo với Khối', kind: 'quantitative', max: 10, deduction: { max: 3, rule: 'Trừ 1 điểm cho mỗi báo cáo gửi chậm hạn' } }],
    },
  ],
};

export interface WebFixture {
  env: TestWorkflowEnvironment;
  smtp: TestSmtpServer;
  engine: Engine;
  web: WebServer;
  /** Next year by the server's clock: every date of it lies ahead. */
  year: number;
  /** The server's present, which the console judges by. */
  clock: () => number;
  dir: string;
  teardown(): Promise<void>;
}

export function fixtureBlocs(): BlocConfig[] {
  const main = smallBloc((c) => {
    const unit = c.units[1];
    if (unit) unit.name = MARKUP_UNIT_NAME;
    // An English title for the console's English pages (test/web/language.test.ts).
    const report = c.items?.find((i) => i.id === 'bao-cao-6-thang');
    if (report) report.titleEn = REPORT_TITLE_EN;
  });
  // The other bloc scores its year, so that a unit's page has a self-score form (test/web/unit-score.test.ts).
  const other = smallBloc((c) => {
    c.bloc.id = OTHER_BLOC;
    c.bloc.name = 'Khối thi đua khác';
    c.items = [...(c.items ?? []), { id: 'cham-diem', kind: 'deadline', title: 'Các đơn vị tự chấm điểm thi đua', from: 'all', to: ['leader'], due: { before: '31/12' } }];
    c.scoring = SCORING_TABLE;
  });
  return [main, other];
}

/**
 * Waits, without querying, until the year's first steps are done: it has published its search attributes and
 * no workflow task is pending. A query sent while the year is still being planned fails its replay on this
 * worker (a patch-marker nondeterminism error), a fault of its own that the console's tests do not cover.
 */
export async function planned(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const description = await handle.describe();
    if (description.typedSearchAttributes.get(OVERDUE_COUNT) !== undefined && !description.raw.pendingWorkflowTask) return;
    if (Date.now() > deadline) throw new Error(`${handle.workflowId}: not planned within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The console on its port, with ACCOUNTS, judging by `clock`; its files (accounts, uploads) under `dir`. */
export async function startConsole(client: Client, port: number, clock: () => number, dir: string, opts: ConsoleBounds = {}): Promise<WebServer> {
  const accountsFile = join(dir, 'accounts.json');
  for (const account of Object.values(ACCOUNTS)) {
    await addAccount(accountsFile, { ...account, blocs: account.blocs === 'all' ? 'all' : [...account.blocs] }, PASSWORD);
  }
  return startWebServer({
    client,
    port,
    accountsFile,
    secrets: { secret: randomBytes(32).toString('base64url'), secure: false },
    unitLinks: UNIT_LINK_KEYS,
    liveMs: 500,
    codecOrigins: [UI_ORIGIN],
    clock,
    uploads: { dir: join(dir, 'uploads'), maxBytes: UPLOAD_LIMIT, linkBytesPerDay: LINK_DAILY_LIMIT },
    ...opts,
  });
}

/** The units' links the engine's mail carries, to a console on `port`. */
const linksTo = (port: number) => unitLinker(UNIT_LINK_KEYS, `http://127.0.0.1:${port}`);

/** How long the console waits for the engine, and shows a year's view again (its defaults, 10 s and 5 s, when absent). */
type ConsoleBounds = Pick<WebServerOptions, 'answerWithinMs' | 'viewMaxAgeMs'>;

export async function startWebFixture(opts: ConsoleBounds = {}): Promise<WebFixture> {
  const [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  // The console's port is chosen first, so that the mail the engine sends carries links to it.
  const port = await freePort();
  const engine = await startEngine(env, smtp.url, { unitLink: linksTo(port) });
  const dir = mkdtempSync(join(tmpdir(), 'bloc-web-'));
  // The server's present, not this process's: under faketime the two differ, and the Go dev server keeps real time.
  const now = await serverNow(env.client);
  const clock = serverClock(now);
  const year = DateTime.fromJSDate(now, { zone: 'Asia/Ho_Chi_Minh' }).year + 1;
  for (const config of fixtureBlocs()) {
    const { workflowId } = await startBlocYear(env.client, config, year, { taskQueue: engine.taskQueue, now });
    await planned(env.client.workflow.getHandle(workflowId));
  }
  const web = await startConsole(env.client, port, clock, dir, opts);
  return {
    env,
    smtp,
    engine,
    web,
    year,
    clock,
    dir,
    async teardown() {
      await web.close();
      await engine.shutdown();
      await Promise.all([env.teardown(), smtp.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TimeSkippingConsole {
  engine: TimeSkippingEngine;
  web: WebServer;
  teardown(): Promise<void>;
}

/**
 * The console over the engine on the time-skipping server, judging by the server's clock: for a unit's day
 * from the mail it really received, where the demonstration's minutes pass in seconds. No year is started.
 */
export async function startTimeSkippingConsole(): Promise<TimeSkippingConsole> {
  const port = await freePort();
  const engine = await startTimeSkippingEngine({ unitLink: linksTo(port) });
  const dir = mkdtempSync(join(tmpdir(), 'bloc-web-'));
  const web = await startConsole(engine.env.client, port, engine.clock, dir);
  return {
    engine,
    web,
    async teardown() {
      await web.close();
      await engine.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser stand-in: keeps the cookies it is given, follows no redirect by itself. */
export class WebAgent {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, eq);
      const value = (pair ?? '').slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The CSRF token in a page's forms. */
  async tokenOf(path: string): Promise<string> {
    const page = await (await this.request(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no form token on ${path}`);
    return token;
  }

  async signIn(name: string, password = PASSWORD): Promise<Response> {
    const _csrf = await this.tokenOf('/dang-nhap');
    return this.request('/dang-nhap', { form: { name, password, _csrf } });
  }
}
