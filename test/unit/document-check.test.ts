/**
 * What an attached document is, and whether it is kept: the cases a hostile sender tried (issue 21, point 10), and
 * the ordinary documents a unit sends, which must still pass.
 */
import { checkDocument, MAX_DOCX_EXPANDED } from '../../web/document-check';
import { MiB, pdf, pdfWithObjectStream, wordBomb, wordDocument, wordParts, zip } from '../support/documents';

const reason = async (bytes: Buffer) => {
  const check = await checkDocument(bytes);
  return check.ok ? `accepted as ${check.type}` : check.reason;
};

describe('a DOCX is read through its central directory', () => {
  test("Word's parts, declared a Word document, pass; pictures and styles beside them too", async () => {
    expect(await reason(wordDocument())).toBe('accepted as docx');
    const picture = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(2000, 7)]);
    expect(await reason(wordDocument('Tờ trình', [{ name: 'word/media/image1.png', data: picture }, { name: 'word/styles.xml', data: Buffer.from('<w:styles/>') }]))).toBe(
      'accepted as docx',
    );
  });

  test('a program beside the Word parts is refused, by its name or by its first bytes', async () => {
    expect(await reason(wordDocument(undefined, [{ name: 'evil.exe', data: Buffer.from('MZ\x90\x00 program') }]))).toBe(
      'DOCX chứa "evil.exe": không nhận macro, tệp chạy được hay phần mã hóa / no macros, programs or encrypted parts',
    );
    expect(await reason(wordDocument(undefined, [{ name: 'word/media/image2.png', data: Buffer.from('MZ\x90\x00 program') }]))).toBe(
      'DOCX có phần "word/media/image2.png" là tệp chạy được / an executable part',
    );
    expect(await reason(wordDocument(undefined, [{ name: 'word/vbaProject.bin', data: Buffer.from('macros') }]))).toMatch(/^DOCX chứa "word\/vbaProject.bin"/);
  });

  test('a macro-enabled document, a spreadsheet and a ZIP missing parts are not Word documents', async () => {
    const docm = zip(wordParts('x', 'application/vnd.ms-word.document.macroEnabled.main+xml'));
    expect(await reason(docm)).toBe('DOCX không khai báo là văn bản Word (có thể là tệp chứa macro .docm) / not declared a Word document');
    const [types, , document] = wordParts();
    expect(await reason(zip([types!, document!]))).toBe('DOCX thiếu _rels/.rels / not a whole Word document');
    // The substring test took this: the part names written in a file's contents, not as parts.
    const named = zip([{ name: 'readme.txt', data: Buffer.from('[Content_Types].xml _rels/.rels word/document.xml') }]);
    expect(await reason(named)).toBe('chỉ nhận văn bản PDF hoặc DOCX (Word); tệp này không phải / only PDF or DOCX documents are accepted');
    expect(await reason(Buffer.from('PK\x03\x04 [Content_Types].xml word/document.xml', 'latin1'))).toMatch(/^tệp nén DOCX hỏng \/ a damaged DOCX \(/);
  });

  test('a gibibyte zip bomb named .docx is refused from its directory, without inflating it', async () => {
    const bomb = wordBomb(1024);
    expect(bomb.length).toBeLessThan(1.1 * MiB);
    const before = process.memoryUsage().rss;
    expect(await reason(bomb)).toBe(`DOCX giải nén ra 1024 MB, quá ${MAX_DOCX_EXPANDED / MiB} MB / expands beyond the limit`);
    expect(await reason(wordBomb(50))).toBe('DOCX có phần "word/document.xml" nở gấp 1011 lần khi giải nén / expands absurdly');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });

  test('a directory that understates a part is caught by the inflater', async () => {
    expect(await reason(wordBomb(64, 1000))).toMatch(/^tệp nén DOCX hỏng \/ a damaged DOCX \(.*too many bytes in the stream/);
  });
});

describe('a PDF may open at a page, but carries no scripts, launches or files', () => {
  test("an ordinary PDF, and one that opens at its first page (/OpenAction), pass", async () => {
    expect(await reason(pdf())).toBe('accepted as pdf');
    expect(await reason(pdf('<< /Type /Page >>', '<< /OpenAction [3 0 R /Fit] >>'))).toBe('accepted as pdf');
  });

  test('a script run on opening is refused, however its name is spelled', async () => {
    const script = '<< /S /JavaScript /JS (app.alert(1)) >>';
    const refusal = 'PDF chứa "/JavaScript" (mã lệnh, chạy chương trình hoặc tệp đính kèm bên trong); hãy in lại ra PDF thường / a PDF with scripts, launch actions or embedded files';
    expect(await reason(pdf(`<< /OpenAction 4 0 R >>`, script))).toBe(refusal);
    expect(await reason(pdf('<< /S /J#61vaScript /J#53 (app.alert(1)) >>'))).toBe(refusal);
    expect(await reason(pdf('<< /S /Launch /F (cmd.exe) >>'))).toMatch(/^PDF chứa "\/Launch"/);
    expect(await reason(pdf('<< /Names << /EmbeddedFiles 5 0 R >> >>'))).toMatch(/^PDF chứa "\/EmbeddedFiles?"/);
  });

  test('inside a compressed object stream too; a password-protected one cannot be checked', async () => {
    expect(await reason(pdfWithObjectStream('<< /Type /Page >>'))).toBe('accepted as pdf');
    expect(await reason(pdfWithObjectStream('<< /Type /Page >>', '<< /S /JavaScript /JS (app.alert(1)) >>'))).toMatch(/^PDF chứa "\/JavaScript"/);
    const locked = Buffer.from(pdfWithObjectStream('<< /Type /Page >>').toString('latin1').replace('<< /Root 1 0 R >>', '<< /Root 1 0 R /Encrypt 9 0 R >>'), 'latin1');
    expect(await reason(locked)).toBe('PDF có mật khẩu, không kiểm tra được; hãy gửi bản không đặt mật khẩu / a password-protected PDF cannot be checked');
  });
});
