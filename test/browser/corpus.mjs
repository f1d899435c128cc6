// The browser test's corpus: reports written for the test from templates
// (they describe no real event), enough of them to page, cluster, sort
// and brush, generated the same way every run (a fixed seed).

// The first reports are written out: the test checks what it knows of
// them (the Peshawar bombing's two reports give 9 and 11 killed; the
// teacher's killing names a perpetrator, and an allegation names who
// backs it).
export const handWritten = [
  { id: 'a1', published: '2024-05-07', source: 'Wire One', title: 'Market blast', text: 'A bomb exploded at a vegetable market in Peshawar on Monday, killing nine people and wounding 20 others, police said. The Tehrik-i-Taliban Pakistan claimed responsibility for the attack.' },
  { id: 'a2', published: '2024-05-08', source: 'Daily Two', title: 'Toll rises', text: "The death toll from Monday's bomb blast at a vegetable market in Peshawar rose to 11, hospital officials said on Tuesday." },
  { id: 'a3', published: '2024-06-01', source: 'Wire One', title: 'Students missing', text: 'Families said three students were abducted by armed men in Turbat on Friday.' },
  { id: 'a4', published: '2024-07-15', source: 'Hill Wire', title: 'Clash in Kohlu', text: 'Two soldiers and three fighters were killed in a clash in Kohlu on Sunday, officials said. The Balochistan Liberation Army attacked a Frontier Corps post. The Frontier Corps denied the allegation.' },
  { id: 'a5', published: '2024-09-03', source: 'Daily Two', title: 'Sit-in', text: 'Hundreds of people protested in Gwadar on Monday against the disappearance of two fishermen.' },
  { id: 'a6', published: '2024-08-21', source: 'Coast Daily', title: 'Teacher shot', text: 'Gunmen shot dead a school teacher in Turbat on Tuesday, police said. Officials blamed the Balochistan Liberation Army for the killing. The Pakistani government accused India of backing the Balochistan Liberation Army, a charge India rejected.' },
  { id: 'a7', published: '2024-10-06', source: 'Hill Wire', title: 'Blast in the province', text: 'Two people were killed and five injured when a bomb exploded in Balochistan province on Saturday, officials said.' },
];

const TOWNS = ['Quetta', 'Turbat', 'Gwadar', 'Peshawar', 'Kohlu', 'Panjgur', 'Khuzdar', 'Sibi', 'Karachi', 'Zhob', 'Chaman', 'Mastung', 'Dera Bugti', 'Kalat', 'Nushki', 'Bannu'];
const OUTLETS = ['Wire One', 'Daily Two', 'Hill Wire', 'Coast Daily', 'Valley Times'];
const NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve'];
const TEMPLATES = [
  (t, n, m) => `A bomb exploded at a market in ${t} on Monday, killing ${n} people and wounding ${m} others, police said.`,
  (t, n) => `Gunmen opened fire on a checkpoint in ${t} on Monday, killing ${n} soldiers, officials said. The Balochistan Liberation Army claimed responsibility for the attack.`,
  (t, n) => `Families said ${n} men were abducted by armed men in ${t} on Monday.`,
  (t, n) => `Hundreds of people protested in ${t} on Monday against the disappearance of ${n} students.`,
  (t, n) => `Police arrested ${n} suspects in ${t} on Monday, officials said.`,
  (t, n, m) => `${n[0].toUpperCase() + n.slice(1)} soldiers and ${m} fighters were killed in a clash near ${t} on Monday, officials said.`,
];
const ALLEGATIONS = [
  'The provincial government accused India of backing the attackers, a charge India rejected.',
  'The Pakistani government accused India of backing the Balochistan Liberation Army, a charge India rejected.',
  'Officials blamed the Tehrik-i-Taliban Pakistan for the attack.',
];

// generated returns n more reports: each on a Tuesday from January to
// September 2024 about the day before, some with an allegation.
export function generated(n) {
  let seed = 11;
  const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 2147483648 * k); };
  const out = [];
  const start = Date.UTC(2024, 0, 2); // a Tuesday
  for (let i = 0; i < n; i++) {
    const published = new Date(start + 7 * 86400000 * rnd(38)).toISOString().slice(0, 10);
    const kind = rnd(TEMPLATES.length);
    let text = TEMPLATES[kind](TOWNS[rnd(TOWNS.length)], NUMBERS[rnd(NUMBERS.length)], NUMBERS[rnd(NUMBERS.length)]);
    // Allegations follow the attacks only.
    if (kind <= 1 && rnd(2) === 0) text += ' ' + ALLEGATIONS[rnd(ALLEGATIONS.length)];
    out.push({ id: 'g' + i, published, source: OUTLETS[rnd(OUTLETS.length)], title: `Report ${i}`, text });
  }
  return out;
}
