/**
 * `bloc user add|list|remove`: the accounts of the web console, in the file the console reads (BLOC_WEB_ACCOUNTS).
 * Adding a name that exists replaces it, and ends that account's sessions, as removing it does.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { accountsPath, addAccount, generatePassword, loadAccounts, removeAccount, ROLE_EN, ROLE_VI, ROLES } from '../accounts';
import { InputError } from '../../config/errors';
import { jsonOption, newCommand, yesOption } from '../options';
import { emit, table } from '../output';
import { cli } from '../cli-context';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of cli().stdin()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function registerUserCommands(program: Command): void {
  const user = newCommand(program, 'user', 'Tài khoản của trang quản lý / accounts of the web console');
  newCommand(user, 'add', 'Thêm (hoặc đặt lại) một tài khoản / add or reset an account')
    .argument('<name>', 'tên đăng nhập: chữ thường không dấu, số, gạch ngang / sign-in name')
    .addOption(new Option('--role <role>', 'vai trò / role').choices(ROLES).makeOptionMandatory())
    .option('--bloc <id...>', 'các Khối/Cụm được xem / the blocs it may see')
    .option('--all', 'xem mọi Khối, Cụm (Ban Thi đua tỉnh) / every bloc (the province board)')
    .option('--password-stdin', 'đọc mật khẩu từ dòng đầu của stdin; mặc định: tạo ngẫu nhiên và in một lần / read the password from stdin; default: generate one and print it once')
    .action(async (name, opts) => {
      if (Boolean(opts.all) === Boolean(opts.bloc)) throw new InputError('cần --bloc <id...> hoặc --all / --bloc <id...> or --all is required');
      const password = opts.passwordStdin ? await readStdin() : generatePassword();
      const file = accountsPath(cli().env);
      try {
        await addAccount(file, { name, role: opts.role, blocs: opts.all ? 'all' : (opts.bloc ?? []) }, password);
      } catch (err) {
        throw new InputError(`${name}: ${(err as Error).message.split('\n')[0] ?? ''}`);
      }
      cli().stdout(`Đã lưu tài khoản ${name} vào ${file} / account saved\n`);
      if (!opts.passwordStdin) cli().stdout(`Mật khẩu (chỉ in lần này) / password (shown once): ${password}\n`);
    });

  newCommand(user, 'list', 'Các tài khoản: tên, vai trò, các Khối được xem (không bao giờ in mật khẩu) / the accounts, never their passwords')
    .addOption(jsonOption())
    .action((opts) => {
      const accounts = loadAccounts(accountsPath(cli().env)).map(({ name, role, blocs }) => ({ name, role, blocs }));
      emit(opts.json, accounts, (list) =>
        list.length === 0
          ? 'Chưa có tài khoản nào / no account yet\n'
          : table(
              ['Tài khoản', 'Vai trò', 'Khối/Cụm được xem'],
              list.map((a) => [a.name, `${ROLE_VI[a.role]} (${ROLE_EN[a.role]})`, a.blocs === 'all' ? 'tất cả / all' : a.blocs.join(', ')]),
            ),
      );
    });
  newCommand(user, 'remove', 'Xóa một tài khoản; các phiên đăng nhập của nó kết thúc / remove an account and end its sessions')
    .argument('<name>', 'tên đăng nhập / sign-in name')
    .addOption(yesOption())
    .action((name, opts) => {
      const file = accountsPath(cli().env);
      const account = loadAccounts(file).find((a) => a.name === name);
      if (!account) throw new InputError(`${name}: không có tài khoản này trong ${file} / no such account`);
      if (!opts.yes) {
        cli().stdout(`Sẽ xóa tài khoản ${name} (${ROLE_VI[account.role]}) khỏi ${file}; các phiên đăng nhập của nó kết thúc. Chạy lại với --yes / would remove it: run again with --yes\n`);
        return;
      }
      removeAccount(file, name);
      cli().stdout(`Đã xóa tài khoản ${name} khỏi ${file} / account removed\n`);
    });
}
