/**
 * `bloc user add` as people run it, writing the accounts file the console reads: the password read from a
 * real process's stdin, then the rest in this process (test/support/cli.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAccounts, verifyPassword } from '../../client/accounts';
import { bloc as inProcess, lines, type Outcome } from '../support/cli';
import { CLI, ROOT } from '../support/dist';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bloc-user-'));
  file = join(dir, 'accounts.json');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spawned(args: string[], stdin?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, BLOC_WEB_ACCOUNTS: file } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

const bloc = (args: string[], stdin?: string) => inProcess(args, { env: { BLOC_WEB_ACCOUNTS: file }, ...(stdin !== undefined && { stdin }) });

test('a password from stdin is stored hashed and never printed; a generated one is printed once', async () => {
  const given = await spawned(['user', 'add', 'thu-ky', '--role', 'secretariat', '--bloc', 'khoi-4', 'khoi-5', '--password-stdin'], 'mật khẩu từ stdin\n');
  expect(given).toMatchObject({ code: 0, stdout: `Đã lưu tài khoản thu-ky vào ${file} / account saved\n` });
  expect(readFileSync(file, 'utf8')).not.toContain('mật khẩu từ stdin');

  const made = await bloc(['user', 'add', 'ban', '--role', 'board', '--all']);
  expect(made.code).toBe(0);
  const password = /password \(shown once\): (\S+)\n$/.exec(made.stdout)?.[1] ?? '';
  expect(password).toHaveLength(20);

  const [thuKy, ban] = loadAccounts(file);
  expect([thuKy?.blocs, ban?.blocs]).toEqual([['khoi-4', 'khoi-5'], 'all']);
  await expect(verifyPassword('mật khẩu từ stdin', thuKy?.hash)).resolves.toBe(true);
  await expect(verifyPassword(password, ban?.hash)).resolves.toBe(true);
});

test('bad input is one line on stderr, exit 2, and the file unchanged', async () => {
  const before = readFileSync(file, 'utf8');
  const both = await bloc(['user', 'add', 'x', '--role', 'leader', '--all', '--bloc', 'khoi-4']);
  expect(both).toMatchObject({ code: 2, stderr: 'bloc: cần --bloc <id...> hoặc --all / --bloc <id...> or --all is required\n' });
  const short = await bloc(['user', 'add', 'x', '--role', 'leader', '--all', '--password-stdin'], 'ngắn\n');
  expect(short.code).toBe(2);
  expect(short.stderr).toMatch(/^bloc: x: mật khẩu cần ít nhất 12 ký tự[^\n]*\n$/);
  const badBloc = await bloc(['user', 'add', 'x', '--role', 'leader', '--bloc', "k') OR 1=1"]);
  expect(badBloc).toMatchObject({ code: 2, stderr: 'bloc: x: mã Khối/Cụm không hợp lệ / invalid bloc id\n' });
  const role = await bloc(['user', 'add', 'x', '--role', 'admin', '--all']);
  expect(role.code).toBe(2);
  expect(readFileSync(file, 'utf8')).toBe(before);
});

test('user list names each account with its role and blocs, never a hash; remove asks for --yes, then removes', async () => {
  const listed = await bloc(['user', 'list']);
  expect(listed.code).toBe(0);
  expect(lines(listed.stdout)).toEqual([
    expect.stringMatching(/^Tài khoản\s+Vai trò\s+Khối\/Cụm được xem$/),
    expect.stringMatching(/^thu-ky\s+Thư ký \(Secretariat\)\s+khoi-4, khoi-5$/),
    expect.stringMatching(/^ban\s+Ban Thi đua - Khen thưởng tỉnh \(Provincial Emulation and Reward Board\)\s+tất cả \/ all$/),
  ]);
  expect(listed.stdout).not.toContain('scrypt');
  expect(JSON.parse((await bloc(['user', 'list', '--json'])).stdout)).toEqual([
    { name: 'thu-ky', role: 'secretariat', blocs: ['khoi-4', 'khoi-5'] },
    { name: 'ban', role: 'board', blocs: 'all' },
  ]);

  const before = readFileSync(file, 'utf8');
  const asked = await bloc(['user', 'remove', 'ban']);
  expect(asked).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Sẽ xóa tài khoản ban \(Ban Thi đua - Khen thưởng tỉnh\) khỏi .*; các phiên đăng nhập của nó kết thúc\. Chạy lại với --yes/) });
  expect(readFileSync(file, 'utf8')).toBe(before);
  expect(await bloc(['user', 'remove', 'ban', '--yes'])).toMatchObject({ code: 0, stdout: `Đã xóa tài khoản ban khỏi ${file} / account removed\n` });
  expect(loadAccounts(file).map((a) => a.name)).toEqual(['thu-ky']);
  expect(await bloc(['user', 'remove', 'ban', '--yes'])).toMatchObject({ code: 2, stderr: `bloc: ban: không có tài khoản này trong ${file} / no such account\n` });
});
