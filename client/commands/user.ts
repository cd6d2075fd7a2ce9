/** `bloc user add`: an account of the web console, in the accounts file the console reads (BLOC_WEB_ACCOUNTS). */
import { Option, type Command } from '@commander-js/extra-typings';
import { accountsPath, addAccount, generatePassword, ROLES } from '../../web/accounts';
import { InputError } from '../errors';
import { newCommand } from '../options';
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
}
