// Checks an HTML email with caniemail (feature support in Gmail, Outlook,
// Apple Mail and Yahoo) and html-validate (the recommended preset less
// inline styles and deprecated attributes, which email needs). Prints one
// JSON object: {"caniemail": [...], "htmlvalidate": [...]}. Run with the
// packages' folder as the working directory (see emailcheck_test.go).
import { readFileSync } from 'node:fs';
import { caniemail } from 'caniemail';
import { HtmlValidate } from 'html-validate';

const html = readFileSync(process.argv[2], 'utf8');
const out = { caniemail: [], htmlvalidate: [] };
const r = caniemail({ clients: ['gmail.*', 'outlook.*', 'apple-mail.*', 'yahoo.*'], html });
for (const [client, list] of r.issues.errors) {
	for (const e of list) {
		out.caniemail.push({ client, title: e.title, line: e.position?.start?.line ?? 0, column: e.position?.start?.column ?? 0 });
	}
}
const hv = new HtmlValidate({
	extends: ['html-validate:recommended'],
	rules: { 'no-inline-style': 'off', 'no-deprecated-attr': 'off' },
});
const report = await hv.validateString(html);
for (const res of report.results) {
	for (const m of res.messages) out.htmlvalidate.push({ rule: m.ruleId, line: m.line, message: m.message });
}
console.log(JSON.stringify(out));
