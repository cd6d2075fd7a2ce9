/**
 * The conference's minutes and proposal (documents/), read back from their DOCX as a reader would check them:
 * the national title and the issuing body (a Khối, a Cụm), the number and symbol, the place and date, the
 * ranking's rows with their figures in Vietnamese (a decimal comma), the ties, the bonus decision, the titles
 * proposed, the ballot's rounds only when there are some, the signature block and the page. The model is the
 * sample conference of the seed bloc in the fixture year, built from a record as `bloc documents` builds it.
 */
import path from 'node:path';
import { planYear } from '../../calendar/schedule';
import { loadBlocConfig } from '../../config/load';
import type { BlocConfig } from '../../config/schema';
import { conferenceModel, DocumentRefusal } from '../../documents/conference';
import { issuerSymbol, placeDateLine } from '../../documents/decree-30';
import { minutesDocx } from '../../documents/minutes';
import type { BallotRound, ConferenceModel } from '../../documents/model';
import { proposalDocx } from '../../documents/proposal';
import { sampleConference, sampleRecord } from '../../scripts/sample-conference';
import { readDocx } from '../support/docx-text';
import { FIXTURE_YEAR as Y } from '../support/fixtures';

const SEED = loadBlocConfig(path.join(__dirname, '..', '..', 'config', 'blocs', 'dak-nong-khoi-4.yaml'));
const CLUSTER: BlocConfig = { ...SEED, bloc: { ...SEED.bloc, kind: 'cum', name: 'Cụm thi đua số 2' } };

const khoi = () => sampleConference(SEED, Y);

/** The paragraphs after `first` and up to, not including, `last`. */
function between(paragraphs: string[], first: string, last: string): string[] {
  const from = paragraphs.indexOf(first);
  const to = paragraphs.indexOf(last, from);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return paragraphs.slice(from + 1, to);
}

/** The first round of a ballot for the certificate among the three tied, and a second round between two. */
function rounds(m: ConferenceModel): BallotRound[] {
  const [stc, tt, vp] = m.proposals[1]?.units ?? [];
  if (!stc || !tt || !vp) throw new Error('the sample proposes three units for the certificate');
  const title = m.proposals[1]?.title ?? '';
  return [
    { titleId: 'bang-khen', title, round: 1, seats: 2, ballots: 9, valid: 9, candidates: [{ ...stc, votes: 8 }, { ...tt, votes: 4 }, { ...vp, votes: 4 }], elected: [stc.unitId] },
    { titleId: 'bang-khen', title, round: 2, seats: 1, ballots: 9, candidates: [{ ...tt, votes: 6 }, { ...vp, votes: 3 }], elected: [tt.unitId] },
  ];
}

describe('the minutes of a Khối', () => {
  let doc: Awaited<ReturnType<typeof readDocx>>;
  beforeAll(async () => {
    doc = await readDocx(await minutesDocx(khoi()));
  });

  test('the first lines: the issuing body and its number on the left, the national title and the date on the right', () => {
    const [left, right] = doc.tables[0]?.[0] ?? [];
    expect(left).toBe('KHỐI THI ĐUA SỐ 4\n\nSố: 01/BB-KTĐ4');
    expect(right).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐắk Nông, ngày 14 tháng 01 năm 2050');
    expect(doc.paragraphs).toEqual(expect.arrayContaining(['BIÊN BẢN', `Hội nghị tổng kết, bình xét thi đua năm ${Y} của Khối thi đua số 4`, 'DỰ THẢO']));
    expect(doc.paragraphs).toContain(`Thời gian: 8 giờ 00, thứ Sáu, ngày 14/1/${Y + 1}.`);
  });

  test('who was invited: the member units, the leader and the deputy named, nothing about attendance invented', () => {
    const invited = between(doc.paragraphs, 'Lãnh đạo các đơn vị thành viên Khối thi đua số 4 (9 đơn vị):', 'II. NỘI DUNG');
    expect(invited.slice(0, 3)).toEqual(['1. Văn phòng UBND tỉnh Đắk Nông — Khối trưởng.', '2. Sở Nội vụ tỉnh Đắk Nông — Khối phó.', '3. Sở Kế hoạch và Đầu tư tỉnh Đắk Nông.']);
    expect(invited).toContain('9. Ban Dân tộc tỉnh Đắk Nông.');
    expect(invited).toContain('Đơn vị vắng mặt (ghi theo thực tế): …….');
  });

  test('the ranking: its rows in order, the groups, the unit\'s own total beside the leader\'s, the agreed bonus, ties stated', () => {
    const ranking = doc.tables[1] ?? [];
    expect(ranking[0]).toEqual(['Hạng', 'Đơn vị', 'I (60)', 'II (25)', 'III (15)', 'Tự chấm', 'Khối trưởng tổng hợp', 'Điểm thưởng', 'Tổng điểm']);
    expect(ranking.slice(1)).toEqual([
      ['1', 'Sở Tư pháp tỉnh Đắk Nông', '60', '25', '15', '100', '100', '+3', '103'],
      ['2', 'Sở Tài chính tỉnh Đắk Nông', '57', '23,5', '14', '96', '94,5', '+2', '96,5'],
      ['3 (đồng hạng)', 'Thanh tra tỉnh Đắk Nông', '58,5', '23,5', '14', '96', '96', '', '96'],
      ['3 (đồng hạng)', 'Văn phòng UBND tỉnh Đắk Nông', '58,5', '23,5', '14', '96', '96', '', '96'],
      ['5', 'Sở Nội vụ tỉnh Đắk Nông', '57,5', '22', '13', '92,5', '92,5', '', '92,5'],
      ['6', 'Sở Ngoại vụ tỉnh Đắk Nông', '57', '22', '13', '92', '92', '', '92'],
      ['7', 'Sở Kế hoạch và Đầu tư tỉnh Đắk Nông', '54', '19', '11', '84', '84', '', '84'],
      ['8', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh Đắk Nông', '51', '16', '9', '76', '76', '', '76'],
      ['—', 'Ban Dân tộc tỉnh Đắk Nông (chưa gửi bảng tự chấm điểm)', '', '', '', '', '', '', ''],
    ]);
    expect(doc.paragraphs).toContain('Thanh tra tỉnh Đắk Nông, Văn phòng UBND tỉnh Đắk Nông đồng hạng 3 (cùng 96 điểm).');
    expect(doc.paragraphs).toContain('- Sở Tài chính tỉnh Đắk Nông, tiêu chí "I.1": đơn vị tự chấm 39,5, tính 38 (Thu ngân sách đạt 95% dự toán).');
    // The sample's table is an illustration, and the minutes say so.
    expect(doc.paragraphs.find((p) => p.startsWith('Căn cứ '))).toContain('THANG ĐIỂM MINH HỌA, không dùng để bình xét thật');
  });

  test('the bonus decision: the claims agreed and those refused', () => {
    expect(between(doc.paragraphs, 'a) Thống nhất cộng điểm thưởng:', 'b) Không thống nhất:')).toEqual([
      '- Sở Tài chính tỉnh Đắk Nông, tiêu chí "III.1": +2 điểm (Giải nhất Hội thao Khối).',
      '- Sở Tư pháp tỉnh Đắk Nông, tiêu chí "I.1": +3 điểm (Vượt 25% chỉ tiêu thẩm định văn bản).',
    ]);
    expect(between(doc.paragraphs, 'b) Không thống nhất:', '3. Đề nghị danh hiệu thi đua')).toEqual(['- Sở Nội vụ tỉnh Đắk Nông, tiêu chí "I.2": +2 điểm (Dẫn đầu chỉ số cải cách hành chính).']);
  });

  test('the titles the rule proposes, the tie across the last place stated; no ballot section without rounds', () => {
    expect(doc.paragraphs).toContain('a) Cờ thi đua của Ủy ban nhân dân tỉnh (hạng 1, từ 90 điểm; 1 suất): Sở Tư pháp tỉnh Đắk Nông (hạng 1, 103 điểm).');
    expect(doc.paragraphs).toContain(
      'b) Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (hạng 2–3, từ 80 điểm; 2 suất): Sở Tài chính tỉnh Đắk Nông (hạng 2, 96,5 điểm); Thanh tra tỉnh Đắk Nông (hạng 3, 96 điểm); ' +
        'Văn phòng UBND tỉnh Đắk Nông (hạng 3, 96 điểm) — đồng hạng: 3 đơn vị cho 2 suất, Hội nghị bình xét quyết định.',
    );
    expect(doc.paragraphs.filter((p) => /bỏ phiếu|vòng \d/.test(p))).toEqual([]);
  });

  test('the foot: the secretary, the signature block of the Khối with the leader unit, the recipients', () => {
    const [secretary, signature] = doc.tables[doc.tables.length - 1]?.[0] ?? [];
    expect(secretary?.split('\n').slice(0, 2)).toEqual(['THƯ KÝ', '(Ký, ghi rõ họ tên)']);
    expect(signature?.split('\n').slice(0, 3)).toEqual(['TM. KHỐI THI ĐUA SỐ 4', 'KHỐI TRƯỞNG', 'Văn phòng UBND tỉnh Đắk Nông']);
    expect(doc.paragraphs.slice(-4)).toEqual(['Nơi nhận:', '- Ban Thi đua - Khen thưởng tỉnh Đắk Nông;', '- Các đơn vị trong Khối;', '- Lưu: VT.']);
  });

  test('A4, the decree\'s margins, Times New Roman at 14 pt for the body', () => {
    expect(doc.xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // Top and bottom 20 mm, left 30 mm, right 15 mm.
    expect(doc.xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(doc.styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*\/><w:sz w:val="28"\/>/);
    const fonts = new Set([...doc.xml.matchAll(/w:rFonts w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
  });
});

test('the ballot\'s rounds, when the model carries them: each round\'s candidates and totals, in the minutes and in the proposal', async () => {
  const model = khoi();
  const withRounds = conferenceModel({ ...sampleRecord(SEED, Y), rounds: rounds(model) });
  const doc = await readDocx(await minutesDocx(withRounds));
  expect(doc.paragraphs).toContain('4. Kết quả bỏ phiếu bình xét');
  expect(doc.paragraphs).toContain('Theo quy tắc đề nghị danh hiệu của thang điểm và kết quả xếp hạng trên, và kết quả bỏ phiếu bình xét (mục 4):');
  expect(doc.paragraphs).toContain('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, vòng 1 (2 suất): 9 phiếu phát ra, 9 phiếu hợp lệ.');
  expect(doc.paragraphs).toContain('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, vòng 2 (1 suất): 9 phiếu phát ra.');
  const [first, second] = doc.tables.filter((t) => t[0]?.includes('Số phiếu'));
  expect(first?.slice(1)).toEqual([
    ['1', 'Sở Tài chính tỉnh Đắk Nông', '96,5', '8', 'được đề nghị'],
    ['2', 'Thanh tra tỉnh Đắk Nông', '96', '4', ''],
    ['3', 'Văn phòng UBND tỉnh Đắk Nông', '96', '4', ''],
  ]);
  expect(second?.slice(1)).toEqual([
    ['1', 'Thanh tra tỉnh Đắk Nông', '96', '6', 'được đề nghị'],
    ['2', 'Văn phòng UBND tỉnh Đắk Nông', '96', '3', ''],
  ]);

  // The proposal names those the ballot elected, each with its votes in the round that elected it: the unit the
  // second round left out is not proposed, and the ranking's tie is settled.
  const proposal = await readDocx(await proposalDocx(withRounds));
  const certificate = proposal.tables.find((t) => t[1]?.[1] === 'Sở Tài chính tỉnh Đắk Nông');
  expect(certificate).toEqual([
    ['TT', 'Tên đơn vị', 'Hạng', 'Tổng điểm', 'Số phiếu'],
    ['1', 'Sở Tài chính tỉnh Đắk Nông', '2', '96,5', '8'],
    ['2', 'Thanh tra tỉnh Đắk Nông', '3', '96', '6'],
  ]);
  expect(proposal.paragraphs.filter((p) => p.startsWith('Lưu ý:'))).toEqual([]);
});

test('the proposal to the board: addressed to it, the units proposed per title with their rank and total, no votes before a ballot', async () => {
  const doc = await readDocx(await proposalDocx(khoi()));
  const [left, right] = doc.tables[0]?.[0] ?? [];
  expect(left).toBe('KHỐI THI ĐUA SỐ 4\n\nSố: ……/TTr-KTĐ4');
  // The day is the clerk's to fill in; the year is the conference's.
  expect(right).toBe(`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐắk Nông, ngày …… tháng …… năm ${Y + 1}`);
  expect(doc.paragraphs).toEqual(expect.arrayContaining(['TỜ TRÌNH', `Về việc đề nghị khen thưởng thành tích thi đua năm ${Y}`, 'Kính gửi: Ban Thi đua - Khen thưởng tỉnh Đắk Nông.']));
  expect(doc.paragraphs).toContain(`Căn cứ kết quả Hội nghị tổng kết, bình xét thi đua năm ${Y} của Khối thi đua số 4 ngày 14/1/${Y + 1} (Biên bản số 01/BB-KTĐ4);`);

  expect(doc.paragraphs).toContain('1. Cờ thi đua của Ủy ban nhân dân tỉnh (hạng 1, từ 90 điểm; 1 suất)');
  expect(doc.tables[1]).toEqual([
    ['TT', 'Tên đơn vị', 'Hạng', 'Tổng điểm'],
    ['1', 'Sở Tư pháp tỉnh Đắk Nông', '1', '103'],
  ]);
  expect(doc.paragraphs).toContain('2. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (hạng 2–3, từ 80 điểm; 2 suất)');
  expect(doc.tables[2]?.slice(1)).toEqual([
    ['1', 'Sở Tài chính tỉnh Đắk Nông', '2', '96,5'],
    ['2', 'Thanh tra tỉnh Đắk Nông', '3', '96'],
    ['3', 'Văn phòng UBND tỉnh Đắk Nông', '3', '96'],
  ]);
  expect(doc.paragraphs).toContain('Lưu ý: đồng hạng: 3 đơn vị cho 2 suất, Hội nghị bình xét quyết định.');

  const [recipients, signature] = doc.tables[doc.tables.length - 1]?.[0] ?? [];
  expect(recipients).toBe('Nơi nhận:\n- Như trên;\n- Các đơn vị trong Khối;\n- Lưu: VT.');
  expect(signature?.split('\n').slice(0, 3)).toEqual(['TM. KHỐI THI ĐUA SỐ 4', 'KHỐI TRƯỞNG', 'Văn phòng UBND tỉnh Đắk Nông']);
});

test('a Cụm issues and signs in its own words, its symbol derived from its name', async () => {
  const record = sampleRecord(CLUSTER, Y);
  const scores = record.scores;
  if (!scores) throw new Error('the sample has scores');
  // Before the conference recorded its decision, the minutes have no number yet.
  const model = conferenceModel({ ...record, scores: { ...scores, ranking: { ...scores.ranking, decision: undefined } } });
  for (const [bytes, kind] of [
    [await minutesDocx(model), 'BB'],
    [await proposalDocx(model), 'TTr'],
  ] as const) {
    const doc = await readDocx(bytes);
    expect(doc.tables[0]?.[0]?.[0]).toBe(`CỤM THI ĐUA SỐ 2\n\nSố: ……/${kind}-CTĐ2`);
    const signature = doc.tables[doc.tables.length - 1]?.[0]?.[1];
    expect(signature?.split('\n').slice(0, 3)).toEqual(['TM. CỤM THI ĐUA SỐ 2', 'CỤM TRƯỞNG', 'Văn phòng UBND tỉnh Đắk Nông']);
    expect(doc.paragraphs.join('\n')).not.toMatch(/KHỐI|Khối trưởng/);
  }
});

test('claims the conference has not decided: shown apart, marked, and left out of the totals', async () => {
  const model = khoi();
  const undecided: ConferenceModel = {
    ...model,
    bonus: { claims: model.bonus.claims.map((c) => ({ ...c, decision: 'pending' })) },
    ranking: model.ranking.map((r) => ({ ...r, total: r.counted, bonusPending: r.bonusAgreed, bonusAgreed: 0 })),
  };
  const doc = await readDocx(await minutesDocx(undecided));
  expect(doc.tables[0]?.[0]?.[0]).toBe('KHỐI THI ĐUA SỐ 4\n\nSố: ……/BB-KTĐ4');
  expect(doc.tables[1]?.[1]).toEqual(['1', 'Sở Tư pháp tỉnh Đắk Nông', '60', '25', '15', '100', '100', '+3 (chờ)', '100']);
  expect(doc.paragraphs).toContain('Hội nghị chưa quyết định về 3 đề nghị điểm thưởng sau; tổng điểm trên chưa cộng điểm thưởng:');
  expect(doc.paragraphs).toContain('Điểm thưởng có ghi "(chờ)" chưa được Hội nghị quyết định và chưa cộng vào tổng điểm.');
});

describe('the layout\'s words', () => {
  test('the date line: days below 10 and January and February with a leading zero; what is unknown left blank', () => {
    const zone = 'Asia/Ho_Chi_Minh';
    expect(placeDateLine('Đắk Nông', { iso: '2050-01-05T08:00:00+07:00', zone })).toBe('Đắk Nông, ngày 05 tháng 01 năm 2050');
    expect(placeDateLine('Lâm Đồng', { iso: '2050-02-14T08:00:00+07:00', zone })).toBe('Lâm Đồng, ngày 14 tháng 02 năm 2050');
    expect(placeDateLine('Lâm Đồng', { iso: '2050-03-09T08:00:00+07:00', zone })).toBe('Lâm Đồng, ngày 09 tháng 3 năm 2050');
    expect(placeDateLine('Lâm Đồng', { iso: '2049-12-31T23:30:00+07:00', zone })).toBe('Lâm Đồng, ngày 31 tháng 12 năm 2049');
    expect(placeDateLine(undefined, undefined, 2050)).toBe('………………, ngày …… tháng …… năm 2050');
  });

  test('the issuer\'s symbol: initials without tone marks, Đ kept, numbers whole, "số" left out', () => {
    expect(issuerSymbol('Khối thi đua số 4')).toBe('KTĐ4');
    expect(issuerSymbol('Cụm thi đua số 12')).toBe('CTĐ12');
    expect(issuerSymbol('Khối thi đua các cơ quan Đảng')).toBe('KTĐCCQĐ');
    expect(issuerSymbol('Cụm thi đua Ủy ban nhân dân các huyện')).toBe('CTĐUBNDCH');
  });
});

describe('a year that cannot have minutes yet is refused, with the field and the reason', () => {
  const thrown = (f: () => unknown): DocumentRefusal => {
    try {
      f();
    } catch (err) {
      if (err instanceof DocumentRefusal) return err;
      throw err;
    }
    throw new Error('not refused');
  };
  const refusal = (f: () => unknown) => {
    const err = thrown(f);
    return `${err.field}: ${err.reason}`;
  };

  test('no scoring table', () => {
    expect(refusal(() => conferenceModel({ ...sampleRecord(SEED, Y), scores: null }))).toBe(
      `scoring: kế hoạch năm ${Y} của Khối thi đua số 4 chưa có thang bảng điểm (mục scoring): không có kết quả để lập biên bản / the plan has no scoring table`,
    );
  });

  test('the conference without its day, an item that is no conference, a plan without one', () => {
    const unset = { ...sampleRecord(SEED, Y), schedule: planYear({ config: SEED, year: Y }) };
    expect(refusal(() => conferenceModel(unset))).toBe(`itemId: Hội nghị tổng kết (mục "hoi-nghi-tong-ket") chưa có ngày (tháng 1/${Y + 1}) / the conference has no day yet`);
    // The item, for the CLI to say `bloc reschedule --item …` and the console to link the item's page.
    expect(thrown(() => conferenceModel(unset)).undatedItem).toBe('hoi-nghi-tong-ket');
    expect(refusal(() => conferenceModel({ ...unset, itemId: 'cham-diem' }))).toBe('itemId: mục "cham-diem" không phải là một hội nghị (sự kiện) / not an event');
    expect(refusal(() => conferenceModel({ ...unset, itemId: 'khong-co' }))).toBe(`itemId: không có mục "khong-co" trong kế hoạch năm ${Y} / no such item`);
    const without = { ...SEED, items: SEED.items.filter((i) => i.id !== 'hoi-nghi-tong-ket' && i.id !== 'ban-giao') };
    expect(refusal(() => conferenceModel({ ...unset, schedule: planYear({ config: without, year: Y }) }))).toMatch(/^itemId: kế hoạch năm 2049 không có Hội nghị tổng kết/);
  });
});
