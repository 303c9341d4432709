import { describe, expect, it } from 'vitest';
import { classifyDocument, type ReadKind } from '@/lib/invoice/kind';

/** Line sets as the OCR reads them (boxes in any order), and the kind they must give. */
const CASES: [string, string[], ReadKind][] = [
  // Quota invoices, whatever else they carry.
  ['national-tax quota invoice', ['深圳市国家税务局通用定额发票', '发票联', '发票代码 144031060038', '发票号码 35050290', '壹拾圆', '￥10.00'], 'quota'],
  ['post-2018 quota invoice', ['国家税务总局杭州市税务局', '通用定额发票', '发票代码033012067798', 'No 41220953', '壹元整'], 'quota'],
  ['定额专用发票 with a scratch panel and English sub-labels', ['云南省地方税务局定额专用发票', 'Invoice Code', '253001655820', 'Invoice No.', '08501638', '刮开有奖', '伍拾元'], 'quota'],
  ['parking quota invoice: 定额 outranks 停车费', ['广州市停车费定额发票', '发票代码 144011720011', '发票号码 00123456', '伍元'], 'quota'],
  ['taxi quota invoice', ['北京市出租汽车专用定额发票', '发票代码 111001781021', '发票号码 12345678', '拾元'], 'quota'],
  ['quota title misread, quota shape kept', ['深圳市地方税务局通用定硕发票', '发票代码 244031060038', '发票号码 35050290', '壹佰圆整'], 'quota'],
  ['quota invoice with its seal tax number (20 digits) and 纳税人识别号', ['深圳市国家税务局通用定额发票', '发票代码 144031060038', '发票号码 35050290', '纳税人识别号', '44030119810101123456', '伍拾元'], 'quota'],
  ['unreadable title, shape only', ['发票代码 144031060038', '发票号码 35050290', '贰拾圆'], 'quota'],
  ['a blank-ish page is not refused here (the field rule decides)', ['发票联'], 'quota'],
  ['one weak label is not clear evidence', ['单价', '发票代码 144031060038'], 'quota'],
  // Other kinds.
  ['taxi receipt', ['深圳市出租汽车统一发票', '发票代码 144031909110', '发票号码 09123456', '车号 粤B12345', '上车 08:12', '下车 08:40', '单价 2.70', '里程 12.3km', '金额 ￥38.70'], 'taxi-receipt'],
  ['taxi receipt with its title lost', ['发票代码 144031909110', '发票号码 09123456', '单价2.70元/公里', '里程12.3', '等候 00:03:12', '上车08:12'], 'taxi-receipt'],
  ['train ticket', ['G1234', '北京南站', '上海虹桥站', '2023年05月01日 08:00开', '05车12F号', '￥553.0元', '二等座', '限乘当日当次车', '中国铁路祝您旅途愉快'], 'train-ticket'],
  // Held-out negative 1900032 as the engine read it: title misread, stars of the ID lost, stations on one line.
  ['train ticket with its title misread', ['深圳北站→杭州东站', 'Z17A960308票B12', '2019年01月04日12:46开1年17号', '￥112.6元#', '仅供报销使用', '6238874798**3761强三', '报销凭证速失不补', 'K1632', '中国定#连快'], 'train-ticket'],
  ['train ticket without its motto', ['D3125次', '杭州东站', '福州南站', '一等座', '检票:A12', '3301021990****1234张三'], 'train-ticket'],
  ['air itinerary', ['航空运输电子客票行程单', '旅客姓名 张三', '有效身份证件号码', '承运人 CA', '航班号 CA1234', '座位等级 Y', '票价 1200.00', '民航发展基金 50.00', '燃油附加费 30.00'], 'air-itinerary'],
  ['VAT special invoice', ['广东增值税专用发票', '发票联', '发票代码 4400171130', '发票号码 01234567', '购买方 名称', '纳税人识别号 91440300MA5F2K3L4X', '税率 13%', '税额 ￥130.00', '价税合计（大写） 壹仟壹佰叁拾圆整', '销售方'], 'vat-special'],
  ['VAT ordinary invoice', ['浙江增值税普通发票', '发票代码 033001900111', '发票号码 12345678', '购买方', '销售方', '价税合计（大写）叁佰圆整', '（小写）￥300.00'], 'vat-ordinary'],
  ['VAT e-ordinary invoice', ['广东增值税电子普通发票', '发票代码 044031900111', '发票号码 12345678', '校验码 12345 67890 12345 67890', '购买方', '价税合计'], 'vat-ordinary'],
  ['VAT invoice with its title lost', ['购买方', '纳税人识别号', '开户行及账号', '税率', '税额', '价税合计（大写）', '销售方'], 'vat-ordinary'],
  ['fully digital e-invoice', ['电子发票（普通发票）', '发票号码：23442000000012345678', '开票日期：2023年05月01日', '购买方信息', '销售方信息', '价税合计（大写） 壹佰圆整', '开票人：李四'], 'e-invoice'],
  ['fully digital e-invoice, special', ['电子发票（增值税专用发票）', '发票号码 24312000000098765432', '购买方', '销售方', '税额'], 'e-invoice'],
  ['e-invoice title lost, 20-digit number by its label', ['发票号码：', '23442000000012345678', '购买方信息', '项目名称'], 'e-invoice'],
  ['machine-printed general invoice', ['广东省国家税务局通用机打发票', '发票代码 144001500111', '发票号码 01234567', '付款单位 某某公司', '收款单位 某某餐厅', '机器编号 499000123456', '开票人 王五', '合计金额（大写）伍拾元整'], 'machine-printed'],
  ['vehicle-sales invoice', ['机动车销售统一发票', '发票代码 144001700111', '发票号码 00123456', '车辆类型 轿车', '厂牌型号 大众', '车辆识别代号/车架号码 LSVAA4182E2123456', '发动机号码 123456', '价税合计 壹拾伍万圆整'], 'vehicle-sales'],
  ['highway toll receipt', ['广东省高速公路通行费', '入口 广州北', '出口 深圳', '车型 一型', '金额 ￥45.00', '收费员 0123'], 'toll-parking'],
  ['parking receipt', ['停车收费专用票据', '车牌 粤B12345', '入场时间 09:00', '出场时间 11:30', '停车时长 2小时30分', '金额 ￥15.00'], 'toll-parking'],
];

describe('classifyDocument', () => {
  it.each(CASES)('%s → %s', (_name, lines, expected) => {
    expect(classifyDocument(lines).kind).toBe(expected);
  });

  it('a quota title wins even over clear evidence for another kind', () => {
    const taxiQuota = ['出租汽车定额发票', '单价', '里程', '上车', '下车'];
    const decision = classifyDocument(taxiQuota);
    expect(decision.scores['taxi-receipt']).toBeGreaterThanOrEqual(3);
    expect(decision).toMatchObject({ kind: 'quota', quotaTitle: true });
  });

  it('the quota shape needs all of code, number and capitals, and no label of another kind', () => {
    expect(classifyDocument(['144031060038', '35050290', '伍拾元']).quotaShape).toBe(true);
    expect(classifyDocument(['144031060038', '35050290', '￥50.00']).quotaShape).toBe(false);
    expect(classifyDocument(['144031060038', '35050290', '伍拾元', '税额']).quotaShape).toBe(false);
  });

  it('a VAT title with its quota shape intact is not refused (conservative)', () => {
    // Title words alone, with a 12-digit code, an 8-digit number, capitals and no VAT labels.
    expect(classifyDocument(['增值税普通发票', '144031060038', '35050290', '伍拾元']).kind).toBe('quota');
  });
});
