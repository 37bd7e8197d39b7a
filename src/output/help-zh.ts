/**
 * The command line's help in Chinese, its default language: each English description of a command, argument or
 * option, and what commander itself prints (headings, defaults, its usage errors). A test walks every command and
 * fails on a description without its Chinese here, so a new option cannot ship with English-only help.
 */
export const HELP_ZH: Readonly<Record<string, string>> = {
  // ecocomp
  'Xuchang air-quality eco-compensation settlement (许昌市城市环境空气质量生态补偿, 许政办〔2022〕39号)': '许昌市城市环境空气质量生态补偿核算（许政办〔2022〕39号）',
  'output the version number': '显示版本号',
  'display help for command': '显示命令的帮助',
  // settle
  'settle the months in the monthly data files (许政办〔2022〕39号)': '核算月度数据文件中的各月生态补偿（许政办〔2022〕39号）',
  'output format': '输出格式',
  'write to this file (atomically) instead of standard output': '写入此文件（原子写入），而不是标准输出',
  'with --format json: include the derivation of every amount (as `ecocomp explain`)': '与 --format json 同用：附上每笔金额的推导过程（同 ecocomp explain）',
  'language of the --trace text': '--trace 推导说明和提示信息的语言（zh 中文、en 英文；核算表本身始终为中文）',
  'settle only this month (repeat or comma-separate for several)': '只核算此月（可重复或用逗号分隔多个月）',
  'monthly targets file: month,county,pm25_target,pm10_target,good_days_target': '月度目标文件：month,county,pm25_target,pm10_target,good_days_target',
  'months the province settled the city as 支偿 (YYYY-MM[,YYYY-MM…])': '省级核算我市为支偿的月份（YYYY-MM[,YYYY-MM…]）',
  'provincial results file: month,province_result (支偿/payout or 得补/receive)': '省级核算结果文件：month,province_result（支偿/payout 或 得补/receive）',
  'settle under this schedule file (a path: ./NAME, dir/NAME or NAME.json) instead of the built-in xuchang-2022; repeat for schedules in force for different months (a bare "xuchang-2022" names the built-in one)':
    '按此规则文件核算（路径：./名称、目录/名称 或 名称.json），代替内置规则 xuchang-2022；不同月份适用不同规则时可重复（单写 "xuchang-2022" 指内置规则）',
  'group baselines per month, for a schedule that takes them as supplied (D1): month,group,pm25,pm25_rate,pm10,pm10_rate,good_days':
    '各组每月的考核基数，供采用外部给定基数的规则使用（D1）：month,group,pm25,pm25_rate,pm10,pm10_rate,good_days',
  'colour the table even when not on a terminal': '即使不在终端上也为表格着色',
  'never colour the table': '表格不着色',
  'the full table even where it is wider than the terminal': '即使比终端宽，也显示完整表格（否则显示紧凑表格）',
  'monthly data CSV files; "-" reads standard input': '月度数据文件（CSV 或 xlsx）；"-" 表示标准输入',
  'the worksheet to read of each .xlsx file given (default: the first)': '读取所给每个 .xlsx 文件中的此工作表（默认：第一个）',
  // aggregate
  'turn daily or hourly station data into the monthly table that settle reads (HJ 633-2012/2026, GB 3095 validity)': '把站点日数据或小时数据汇总为 settle 读取的月度表（HJ 633-2012/2026，GB 3095 有效性规定）',
  'station → unit mapping: station,county (instead of, or checked against, a county column)': '站点所属单位对照表：station,county（代替区县列，或与之核对）',
  "output only this month (repeat or comma-separate); the same month a year earlier is still read for last year's values": '只输出此月（可重复或用逗号分隔）；上年同月仍会读取，用作去年同期值',
  'the schedule whose units the counties name (default: the built-in xuchang-2022)': '区县名称所对应的规则（默认：内置规则 xuchang-2022）',
  'daily (date,station,county,pm25,pm10,so2,no2,co,o3_8h[,o3_1h]) or hourly (time,station,county,pm25,pm10,so2,no2,co,o3) CSV files or .xlsx workbooks; "-" reads standard input':
    '日数据（date,station,county,pm25,pm10,so2,no2,co,o3_8h[,o3_1h]）或小时数据（time,station,county,pm25,pm10,so2,no2,co,o3）CSV 文件或 .xlsx 工作簿；"-" 表示标准输入',
  'the worksheet to read of each .xlsx export (default: the first)': '读取每个 .xlsx 导出文件中的此工作表（默认：第一个）',
  // explain
  'explain every amount of one unit: inputs, rounding, group baseline, gap, bands, gates, each with its clause': '逐步说明一个单位的每笔金额：输入、修约、组考核基数、差值、分档、目标条件，并注明条款',
  'the unit: its name, an alias or its id': '单位：名称、别名或编号',
  'only this factor (pm25, pm25Rate, pm10, pm10Rate, goodDays, or its name); repeatable': '只说明此因子（pm25、pm25Rate、pm10、pm10Rate、goodDays 或其中文名称）；可重复',
  'language of the explanation': '说明和提示信息的语言（zh 中文、en 英文）',
  'colour the text even when not on a terminal': '即使不在终端上也着色',
  'never colour the text': '不着色',
  'monthly data CSV files, as for settle; "-" reads standard input': '月度数据文件，同 settle；"-" 表示标准输入',
  // ledger
  "settle every month in the inputs and show them side by side: each unit's net and the year's running total, the city's fund result and balance":
    '核算输入中的每个月并并列显示：各单位每月净额和全年累计，全市资金结余或缺口',
  'the first month to include': '起始月份',
  'the last month to include': '截止月份',
  // check
  "check a settlement sheet (CSV or xlsx: month, unit, net, and where it has them each factor's value, baseline and amount, totals, the fund line and the group baselines) against the settlement recomputed from the data":
    '用数据重新核算，核对一张核算表（CSV 或 xlsx：月份、单位、净额，以及表中有的各因子实际值、基数和金额、合计、资金结余和组考核基数）',
  'the monthly data the sheet should have been computed from; repeat for several files': '核算表所依据的月度数据；多个文件可重复',
  'language of the derivations': '推导过程和提示信息的语言（zh 中文、en 英文）',
  'the settlement sheet to check': '要核对的核算表',
  // rules
  'print the rule schedule in force: units and groups, factors, bands and rates, decisions, each with its reference': '显示现行规则：单位和分组、因子、分档和标准、各项约定，并注明依据',
  'a schedule file (a path: ./NAME, dir/NAME or NAME.json) or a built-in schedule by id, instead of the built-in xuchang-2022 (repeatable)': '规则文件（路径：./名称、目录/名称 或 名称.json）或内置规则编号，代替内置规则 xuchang-2022（可重复）',
  'for each article and clause of the regulation, what implements it (a coverage table)': '逐条对照办法：每条、每款由什么实现',
  'validate schedule files, each on its own (exit 0 when valid, 2 with every fault and its key path otherwise)': '逐个校验规则文件（有效时退出码 0；否则为 2，并列出每处错误及其键路径）',
  'schedule files (JSON; a path such as ./NAME or NAME.json), or a built-in schedule by id': '规则文件（JSON；路径如 ./名称 或 名称.json），或内置规则编号',
  // compare, whatif, target
  "settle the same data under the rules in force and under a reform, and show each unit's net under both and the change": '用现行规则和修订规则分别核算同一数据，显示各单位两种规则下的净额及变化',
  'the proposed schedule: a built-in id or a schedule file (often one that extends the built-in); repeatable': '修订规则：内置规则编号或规则文件（通常是在内置规则基础上修改的文件）；可重复',
  'the schedule in force: a built-in id or a file (default: the built-in xuchang-2022); repeatable': '现行规则：内置规则编号或规则文件（默认：内置规则 xuchang-2022）；可重复',
  'language of the table and CSV headers': '表格、CSV 表头和提示信息的语言（zh 中文、en 英文）',
  'monthly data files, as for settle; "-" reads standard input': '月度数据文件，同 settle；"-" 表示标准输入',
  "settle with some values changed and show every unit's net before and after (a unit's value moves its group's baseline, so its neighbours move too)":
    '修改部分数值后重新核算，显示每个单位修改前后的净额（一个单位的数值会改变本组考核基数，同组其他单位的金额也随之变化）',
  'change one cell of the data, e.g. 2022-10:禹州市:pm25=40 (FIELD: pm25, pm10, good_days, pm25_last_year, pm10_last_year, the targets, or their Chinese names); repeatable':
    '修改数据中的一个值，如 2022-10:禹州市:pm25=40（字段：pm25、pm10、good_days、pm25_last_year、pm10_last_year、各项目标，或其中文名称）；可重复',
  'break-even values of one unit: for each factor the value at which it stops paying, where each band begins, and the value at which its net is ≥ 0 (the other units held as they are)':
    '一个单位的达标测算：各因子不再扣款所需的数值、各档起点，以及当月净额 ≥ 0 所需的数值（其他单位保持不变）',
  'language of the text': '文字和提示信息的语言（zh 中文、en 英文）',
  'the month': '月份',
  // settle: the notice
  'html, md: the issuing authority (发布机关), e.g. 许昌市生态环境局; without it a 草稿 placeholder': 'html、md：发布机关，如 许昌市生态环境局；不给出时显示“草稿”占位',
  'html, md: the date of the notice (成文日期); without it a 草稿 placeholder': 'html、md：成文日期；不给出时显示“草稿”占位',
  'html, md: the document number (文号); without it a 草稿 placeholder': 'html、md：文号；不给出时显示“草稿”占位',
  'html, md: the title, instead of the one made from the city and month': 'html、md：标题，代替按城市和月份生成的标题',
  'html, md: a JSON file with any of issuer, date, docNo, title, appendix (options win over it)': 'html、md：发布信息的 JSON 文件，可含 issuer、date、docNo、title、appendix（命令行选项优先）',
  'html, md: append the SHA-256 of every input and of the rules, and the generator': 'html、md：附录中列出每个输入文件和规则的 SHA-256 以及生成程序',
  'html: write a letter to each unit (第七条) into the folder --output names, one file per unit and month': 'html：向每个单位写一份通报函（第七条），写入 --output 指定的文件夹，每个单位每月一个文件',
  'also write the current, incomplete month from the days so far, marked provisional (预估): the validity rule applied to the days elapsed, last year over the same days':
    '同时输出当前未结束月份截至目前的数据，标为“预估”：有效性规定按已过天数执行，去年同期取相同天数',
  'include month-to-date (预估) months, marked as such; without it they are refused': '纳入截至目前的预估月份（标为“预估”）；不加此项时拒绝预估月份',
  // test
  'run worked cases: case files (JSON: input, options, expected amounts or refusal), or folders searched for *.json case files': '运行算例：算例文件（JSON：输入、选项、预期金额或预期拒绝），或在文件夹中查找 *.json 算例文件',
  'case files or folders of them': '算例文件或其所在文件夹',
  'language of messages and help: zh (Chinese, the default) or en; ECOCOMP_LANG=en sets English for every command': '提示信息和帮助的语言：zh（中文，默认）或 en（英文）；设置 ECOCOMP_LANG=en 可让所有命令使用英文',
  'how faults, warnings and notes are written to standard error: text, or json (one JSON object per line, with a stable code)': '错误、警告和提示写到标准错误的形式：text（文字），或 json（每行一个 JSON 对象，带固定代码）',
};

/** The headings of commander's help. */
export const HELP_TITLES_ZH: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** An option's description with its choices and default, as commander adds them, in Chinese. */
export function optionDescriptionZh(description: string, choices: readonly string[] | undefined, shownDefault: string | undefined): string {
  const extra = [...(choices ? [`可选：${choices.join('、')}`] : []), ...(shownDefault !== undefined ? [`默认：${shownDefault}`] : [])];
  return extra.length > 0 ? `${description}（${extra.join('；')}）` : description;
}

/** commander's own usage errors. */
export const COMMANDER_ZH: readonly (readonly [RegExp, string])[] = [
  [/error: unknown option '([^']*)'/g, "错误：未知选项 '$1'"],
  [/error: unknown command '([^']*)'/g, "错误：未知命令 '$1'"],
  [/error: required option '([^']*)' not specified/g, "错误：缺少必需的选项 '$1'"],
  [/error: missing required argument '([^']*)'/g, "错误：缺少参数 '$1'"],
  [/error: option '([^']*)' argument missing/g, "错误：选项 '$1' 缺少值"],
  [/error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are ([^\n]*)\./g, "错误：选项 '$1' 的值 '$2' 无效，可选：$3。"],
  [/error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./g, '错误：参数过多，应为 $2 个，实际 $3 个。'],
  [/\(Did you mean ([^?]*)\?\)/g, '（是否要用 $1？）'],
  [/\(run with --help for usage\)/g, '（使用 --help 查看用法）'],
];

/** A usage error of commander's in Chinese. */
export function commanderTextZh(text: string): string {
  return COMMANDER_ZH.reduce((t, [pattern, zh]) => t.replace(pattern, zh), text);
}
