/**
 * Every message a person reads, in Japanese, keyed by code. Checks never build sentences themselves: they return a code
 * and parameters, and the message names the field by its printed label and says what to do.
 */
export type MessageParams = Record<string, string | number | undefined>;
type Template = (p: MessageParams) => string;

const q = (s: string | number | undefined) => `「${s ?? ''}」`;

export const ja = {
  /* ---- general (every form) ---- */
  'G-REQUIRED': (p) => `${q(p.label)}を入力してください。`,
  'G-REQUIRED-CHOICE': (p) => `${q(p.label)}を1つ以上選んでください。`,
  'G-REQUIRED-SELECT': (p) => `${q(p.label)}を選んでください。`,
  'G-REQUIRED-ROWS': (p) => `${q(p.label)}を${p.count ?? 1}行以上記入してください。`,
  'G-UNKNOWN': (p) => `${q(p.key)}はこの様式にない項目です。項目名の誤りがないか確認し、不要なら削除してください。`,
  'G-TYPE': (p) => `${q(p.label)}の値の形式が正しくありません（${p.expected}で入力してください）。`,
  'G-CHOICE': (p) => `${q(p.label)}の${q(p.value)}は選択肢にありません。次のいずれかを選んでください：${p.options}。`,
  'G-RANGE': (p) => `${q(p.label)}は${p.range}にしてください。`,
  'G-ROWS': (p) => `${q(p.label)}は${p.limit}行までです（${p.count}行あります）。行を減らすか、書類を分けてください。この行数では下書きも作成できません。`,
  'G-DATE': (p) => `${q(p.label)}の${q(p.value)}は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。`,
  'G-DATE-FORMAT': (p) =>
    `${q(p.label)}の${q(p.value)}は日付として読み取れません。「令和6年5月1日」「R6.5.1」「2024-05-01」のいずれかの形で入力してください。`,
  'G-DATE-ERA': (p) => `${q(p.label)}の${q(p.value)}は元号と年の組み合わせが正しくありません。元号と年を確認してください。`,
  'G-OFFICE-NUMBER': (p) => `${q(p.label)}は10桁の数字で入力してください（入力された値：${q(p.value)}）。`,
  // The label names the field once: 「…郵便番号」 as it is printed, 「（郵便番号）」 added only when the label does not say so.
  'G-POSTAL': (p) =>
    `${q(p.label)}${String(p.label ?? '').includes('郵便番号') ? '' : '（郵便番号）'}は7桁の数字で入力してください（入力された値：${q(p.value)}、例：272-8501）。`,
  'G-PHONE': (p) => `${q(p.label)}は数字とハイフンで入力してください（例：047-334-1111）。`,
  'G-EMAIL': (p) => `${q(p.label)}はメールアドレスの形（例：info@example.jp）で入力してください。`,
  'G-KANA': (p) => `${q(p.label)}はひらがなで入力してください。`,
  'G-TIME-FORMAT': (p) => `${q(p.label)}は24時間表記の「14:30」の形で入力してください。`,
  'G-TIME': (p) => `${q(p.endLabel)}（${p.end}）は${q(p.startLabel)}（${p.start}）より後の時刻にしてください。`,
  'G-COMPUTED': (p) =>
    `${q(p.label)}は入力された値 ${p.given} ではなく、記入内容から計算すると ${p.expected} です。値を消すか、計算のもとになる記入内容を確認してください。`,
  // KK-DUPLICATE, RK-DUPLICATE, RM-DUPLICATE, TK-DUPLICATE (declared distinctRows, src/rules/declared/distinct-rows.ts): a row counted twice.
  'DUPLICATE-ROW': (p) =>
    `${q(p.list)}の${p.first}行目と${p.second}行目は、${p.key}が同じです。同じ${p.item}を2回数えることはできません。どちらかの行を削除してください。`,
  'G-OVERFLOW': (p) => `${q(p.label)}は記入欄に収まらないため、続きを${p.page}に印刷しました。`,
  'G-GLYPH': (p) => `${q(p.label)}の${q(p.char)}は印刷用の書体にない文字のため印刷できません。別の文字（常用の漢字やかな）に置き換えてください。`,

  /* ---- ichikawa-kyoten-todokede / henko (S002 §27) ---- */
  'KT-FUNCTIONS': (p) => `${q(p.label)}を1つ以上選んでください。`,
  'KT-BESSHI-MISSING': () =>
    '「緊急時の受け入れ・対応機能」を選んだ場合は、別紙「緊急時に受入れ可能な障がいの種類」を記入してください。',
  'KT-BESSHI-ROW': (p) => `別紙の${q(p.row)}の行で、受入可（者・児）又は受入不可のいずれかを選んでください。`,
  'KT-BESSHI-BOTH': (p) => `別紙の${q(p.row)}の行で、受入可と受入不可の両方が選ばれています。どちらか一方にしてください。`,
  'KT-BESSHI-UNUSED': () =>
    '別紙「緊急時に受入れ可能な障がいの種類」が記入されていますが、「緊急時の受け入れ・対応機能」が選ばれていません。機能を選ぶか、別紙を削除してください。',
  'KT-LIAISON': (p) =>
    `${q(p.label)}を1名以上記入してください（機能強化型サービス利用支援費・相談強化加算・地域体制強化共同支援加算・機能強化加算のためだけの届出なら記入不要です）。`,
  'KT-FUNCTION-FIT': (p) =>
    `${p.addition}の算定には、通常${q(p.function)}を担う旨を運営規程に定めます（しおり${p.section}「運営規程への記載」）。担う機能の選択を確認してください。`,
  'KT-SERVICE-FIT': (p) => `サービス種類${q(p.service)}では${p.addition}を算定できません（しおり${p.section}）。届出の目的又はサービス種類を確認してください。`,
  'KH-CHANGES': () => '変更のある項目を1つ以上、変更前と変更後を記入してください。',
  'KH-SAME': (p) => `${q(p.label)}の変更前と変更後が同じです。変更がない項目は空欄にしてください。`,
  // The 10 days are 静岡市's (S004), not 市川市's: its form says only 「速やかに」 (S002 §27), so the message says whose number it is.
  'KH-LATE': (p) =>
    `変更年月日（${p.changedOn}）から${p.days}日後の届出です。市川市の変更届出書は、変更が生じたら「速やかに」届け出るものとしています（日数の定めはありません）。目安の${p.limit}日は、静岡市の集団指導資料（令和6年度第2回）にある変更届の期限「変更が生じてから${p.limit}日以内」によるものです。できるだけ早く提出してください。`,

  /* ---- ichikawa-taisei-kyoka-todokede ---- */
  'TT-SERVICE': () => '「サービス種類」で「計画相談支援」又は「障害児相談支援」を1つ以上選んでください（この加算はこの2つのサービスだけが算定できます）。',
  'TT-CONFIRM-CHECK': (p) =>
    `確認事項${q(p.item)}にチェックがありません。この届出は3つの確認事項の全てに該当する事業所が行うものです。該当することを確かめてチェックを付けてください。`,
  'TT-CONFIRM-DETAIL': (p) => `確認事項${q(p.item)}の下欄に、${p.what}を記入してください。`,

  /* ---- ichikawa-kino-kyoka (S002 §26, §27) ---- */
  'KK-LIMIT': (p) => `配分の合計 (c) ${p.c} 回が月内算定上限 (b) ${p.b} 回を超えています。合計を ${p.b} 回以下にするか、常勤の拠点コーディネーターの配置を見直してください。`,
  // (b) = 0: no amount of trimming helps; what is missing is a 常勤 coordinator (S002 §26-1 「1人につき…100回を限度」).
  'KK-LIMIT-NO-COORDINATOR': (p) =>
    `常勤で専ら拠点コーディネート業務に従事する拠点コーディネーターがいないため、月内算定上限 (b) は 0 回で、配分の合計 (c) ${p.c} 回は算定できません。常勤の拠点コーディネーターを配置し、「常勤・専従」に印を付けて記入してください（1人につき1月100回まで算定できます）。`,
  'KK-COORDINATOR': () =>
    '常勤で専ら拠点コーディネート業務に従事する拠点コーディネーターを1名以上配置してください（非常勤2名による常勤換算は認められません）。',
  'KK-SERVICES': (p) => `算定件数上限の配分に${p.missing}が含まれていません。4つの拠点機能強化サービスすべてを配分に含めてください。`,
  'KK-STRUCTURE-INTEGRATED': (p) =>
    `構成形態が「同一の事業所において一体的に運営」ですが、配分に複数の法人・事業所（${p.offices}）があります。構成形態か配分を確認してください。`,
  'KK-STRUCTURE-NETWORKED': () =>
    '構成形態が「相互に連携して運営」ですが、配分の法人・事業所が1か所だけです。2か所以上の事業所を記入するか、構成形態を確認してください。',
  'KK-BUNDLE': (p) =>
    `機能強化加算の届出書（事業所名${q(p.office)}）は、同じ事業所の「市川市地域生活支援拠点等届出書」と併せて提出してください。`,
  // F-START-PREF (S002 §6-5), on the 拠点届出書 and the 機能強化加算届出書.
  'F-START-PREF': (p) =>
    `${p.services}の指定権者は千葉県です。その加算の算定開始月は、この届出の日ではなく、市川市から交付される登録通知書を添付して千葉県に届け出た日で決まります（15日以前の届出は翌月、16日以降は翌々月のサービス提供分から）。`,
  'KK-CITY': () => '市川市では現時点で地域生活支援拠点等機能強化加算の算定を可とする体制になっていません。届出の前に市へ確認してください。',

  /* ---- ichikawa-taisei-kyoka-kiroku (S002 §25, §27) ---- */
  'TK-CONSENT': () => '「共同支援に係る会議及び協議会への報告について本人同意を得ている」に該当しない場合は算定できません。本人の同意を得てから記入してください。',
  'TK-THREE': (p) => `出席者の所属（自事業所を除く）が${p.count}機関です。共同支援は3者以上の機関と行う必要があります。`,
  'TK-REPORT-INCOMPLETE': (p) => `報告状況を記入する場合は${q(p.label)}も記入してください。`,
  'TK-REPORT-BEFORE': (p) => `報告年月日（${p.report}）が開催年月日（${p.meeting}）より前です。日付を確認してください。`,
  'TK-AGE': (p) => `生年月日（${p.birth}）が開催年月日（${p.meeting}）以後になっています。生年月日と開催年月日を確認してください。`,
  'TK-MONTHLY': (p) =>
    `利用者${q(p.name)}（生年月日 ${p.birth}）の記録書が${p.month}に2件以上あります（${p.other}件目と重複）。地域体制強化共同支援加算は1月に1回を限度とします。`,
  'TK-PURPOSE': () => '開催目的で「その他」を選んだ場合は、具体的な目的を記入してください。',

  /* ---- takatsuki-renkei-kakunin / kaijo (S000 Q1–Q12, Q20; S001) ---- */
  'RK-OFFICES': (p) =>
    `利用事業所が${p.count}か所です。事業所間連携加算は、セルフプランで2か所以上の事業所を併用する児童が対象です。利用しているすべての事業所を記入してください。`,
  'RK-CORE': (p) => `コア連携事業所に印のある利用事業所が${p.core}か所です。利用事業所のうち1か所だけにコア連携事業所の印を付けてください。`,
  'RK-CORE-NUMBER': (p) =>
    `コア連携事業所記入欄の事業所番号（${p.given}）が、利用事業所でコア連携事業所に印のある${q(p.office)}の事業所番号（${p.expected}）と一致しません。どちらかを確認してください。`,
  'RK-SAME-CORP': (p) => `利用事業所のすべてが同一法人（${p.corporation}）の運営のため、事業所間連携加算は算定できません。`,
  'RK-SELFPLAN': (p) =>
    `${q(p.label)}に印がありません。事業所間連携加算は、セルフプラン（指定障害児相談支援事業者以外の者が作成する計画）で通所支援を利用する児童が対象です。`,
  'RK-CONSENT': (p) =>
    `${q(p.label)}に印がありません。事業所間連携加算は、保護者の同意のもとで事業所間で児童の情報を共有するものです。同意する場合に印を付けてください。`,
  'RK-CHANGE': (p) => `「変更」を選んだ場合は、${q(p.label)}（変更前のコア連携事業所、利用を始めた・終えた事業所など）を記入してください。`,
  'RK-DATES-ACCEPTED': (p) =>
    `コア連携事業所の承諾日（${p.accepted}）が提出日（${p.filed}）より後になっています。確認書はコア連携事業所の承諾を得てから提出するものです。承諾日と提出日を確認してください。`,
  'RK-DATES-RECEIVED': (p) =>
    `受理日（${p.received}）が提出日（${p.filed}）より前になっています。受理日は確認書が提出された日以後の日付にしてください（適用開始日は受理日の翌月1日です）。`,

  /* ---- ichikawa notices: toroku-tsuchi / henko-toroku-tsuchi / haishi-tsuchi (S002 §4-3, §27) ---- */
  'N-DATES': (p) =>
    `${q(p.label)}（${p.date}）が届出のあった日（${p.filedOn}）より前になっています。届出を受けた日以後の日付にしてください。`,

  /* ---- takatsuki (S000, S001) ---- */
  'RM-OFFICES': (p) => `利用事業所は2か所以上で、うちコア連携事業所はちょうど1か所にしてください（現在：${p.count}か所、コア${p.core}か所）。`,
  'RM-SAME-CORP': (p) => `すべての事業所が同一法人（${p.corporation}）の運営のため、事業所間連携加算は算定できません。`,
  'RM-ABSENT': (p) =>
    `${q(p.office)}は会議に不参加で、会議の${p.missing}の情報共有・連絡調整が記入されていないため、事業所間連携加算(Ⅱ)を算定できません。会議の${p.missing}に行った情報共有・連絡調整の実施日と内容を記入してください。`,
  'RM-ABSENT-DATE': (p) =>
    `${q(p.office)}の会議${p.side}の情報共有・連絡調整の実施日（${p.date}）が、会議の開催日（${p.meeting}）の${p.side === '前' ? '後' : '前'}になっています。会議${p.side}の欄には開催日${p.side === '前' ? '以前' : '以後'}に行った情報共有・連絡調整の実施日を記入してください（不参加の事業所は、会議の前後の情報共有・連絡調整がそろわないと事業所間連携加算(Ⅱ)を算定できません）。`,
  'RM-ABSENT-PART': (p) =>
    `${q(p.office)}の会議${p.side}の情報共有・連絡調整は${p.what}が記入されていません。${p.what}を記入してください（不参加の事業所は、会議の前後の情報共有・連絡調整の実施日と内容がそろわないと事業所間連携加算(Ⅱ)を算定できません）。`,
  'RM-NO-USE': (p) =>
    `${q(p.office)}は「前回会議後の最終利用日」が空欄のため、前回の会議後の利用がないものとして事業所間連携加算(Ⅱ)を算定できません。前回の会議後に利用があれば、その最終利用日を記入してください。`,
  'RM-RECORD-LATE': (p) => `記録作成日（${p.recordedOn}）が会議から1か月を超えています。記録は会議開催から1か月を目途に作成してください。`,
  'RM-CORE-READY': (p) => `コア連携事業所は${p.missing}を終えるまで事業所間連携加算(Ⅰ)を請求できません。`,
  'RM-GUARDIAN': () => '保護者の会議への参加は相談援助にあたりません。会議後に会議内容を踏まえた相談援助を行い、その日付を記入してください。',
  'RM-MONTHLY': (p) =>
    `加算対象児${q(p.name)}（通所受給者証番号 ${p.certificate}）の記録（報告書）が${p.month}に2件以上あります（${p.other}件目と重複）。事業所間連携加算は(Ⅰ)(Ⅱ)とも1月に1回を限度とするため、同じ月の2回目の会議では算定できません。この記録を提出から外してください。`,
  'RM-PLANS': (p) => `個別支援計画の写しが${p.attached}件です。利用事業所${p.offices}か所すべての写しを添付してください。`,
} satisfies Record<string, Template>;

export type MessageCode = keyof typeof ja;

/**
 * A message of a 様式 folder's own locale module (`forms/<municipality>/<form-id>/messages.ts`): a form added as a folder
 * brings its rules' wording with it instead of adding codes here.
 */
export type MessageTemplate = (params: MessageParams) => string;

export function message(code: MessageCode | MessageTemplate, params: MessageParams = {}): string {
  return typeof code === 'function' ? code(params) : (ja[code] as Template)(params);
}
