/**
 * The conference's minutes and the proposal to the province's board, as DOCX drafts for the leader to check and
 * sign: what `bloc documents` writes, downloaded from the year's matrix. Without the plan file the console does
 * not know the province, so the date line's place is left for the clerk, as the CLI leaves it without --config.
 */
import { Hono, type Context } from 'hono';
import { documentFiles, readConference } from '../../client/conference-documents';
import { onBlocYear } from '../../client/workflow-handle';
import { DocumentRefusal } from '../../documents/conference';
import { minutesDocx } from '../../documents/minutes';
import type { ConferenceModel } from '../../documents/model';
import { proposalDocx } from '../../documents/proposal';
import { refusalFor, t } from '../lang';
import { messagePage } from '../pages/layout';
import { itemPath } from '../pages/paths';
import { CONTENT_TYPE } from '../uploads';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { refOf } from './year';

export function documentRoutes({ client, reader: { frame }, judgedNow }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();

  const download = (name: 'minutes' | 'proposal', write: (model: ConferenceModel) => Promise<Buffer>) => async (c: Context<Env>) => {
    const ref = refOf(c);
    let model: ConferenceModel;
    try {
      model = await onBlocYear(client, ref, (h) => readConference(h, judgedNow()));
    } catch (err) {
      if (!(err instanceof DocumentRefusal)) throw err;
      const shown = frame(c);
      const reason = refusalFor(shown.lang, err.reason);
      const title = t(shown, 'Chưa lập được văn bản', 'The document cannot be drafted yet');
      const setDay = err.undatedItem ? { href: itemPath(ref.bloc, ref.year, err.undatedItem), label: t(shown, 'Ấn định ngày Hội nghị', 'Set the conference’s day') } : undefined;
      return c.html(messagePage(shown, title, reason, setDay), 422);
    }
    return c.body(new Uint8Array(await write(model)), 200, {
      'Content-Type': CONTENT_TYPE.docx,
      'Content-Disposition': `attachment; filename="${documentFiles(ref.bloc, ref.year)[name]}"`,
    });
  };

  app.get('/khoi/:bloc/:year/bien-ban.docx', download('minutes', minutesDocx));
  app.get('/khoi/:bloc/:year/to-trinh.docx', download('proposal', proposalDocx));
  return app;
}
