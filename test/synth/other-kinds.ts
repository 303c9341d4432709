// Seeded descriptions of the other paper a clerk meets (negatives for the kind classifier): taxi
// receipts, train tickets, air itineraries, VAT invoices, e-invoices, machine-printed invoices,
// vehicle-sales invoices, toll and parking receipts, each with the texts its real kind prints.
// Layout stays generic (blocks of labelled cells, tables); other-template.ts draws them.
import type { OtherKind } from '../../lib/invoice/kind';
import { mulberry32, type Rng } from './rng.js';
import { makePhotoConditions, type PhotoConditions } from './spec.js';

/** A label and its value; a value printed by a dot-matrix head is marked so. */
export type Cell = readonly [label: string, value: string, dotMatrix?: boolean];

export type Block =
  | { type: 'cells'; rows: Cell[][] }
  | { type: 'table'; head: string[]; rows: string[][] }
  | { type: 'big'; text: string }
  | { type: 'note'; text: string };

export interface OtherSpec {
  seed: number;
  kind: OtherKind;
  title: string;
  subtitle: string | null;
  /** Top-right corner: code and number lines, serials. */
  corner: Cell[];
  blocks: Block[];
  footer: string[];
  width: number;
  height: number;
  accent: string;
  paper: string;
  /** Seller or railway seal text, drawn in red over the lower right. */
  seal: string | null;
  photo: PhotoConditions | null;
}

export const OTHER_KINDS: readonly OtherKind[] = [
  'taxi-receipt', 'train-ticket', 'air-itinerary', 'vat-special', 'vat-ordinary', 'e-invoice',
  'machine-printed', 'vehicle-sales', 'toll-parking',
];

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => int(r, 0, 9)).join('');
const pad2 = (n: number) => String(n).padStart(2, '0');
const money = (fen: number) => `${Math.floor(fen / 100)}.${pad2(fen % 100)}`;
const date = (r: Rng) => `${int(r, 2016, 2024)}年${pad2(int(r, 1, 12))}月${pad2(int(r, 1, 28))}日`;
const time = (r: Rng) => `${pad2(int(r, 6, 22))}:${pad2(int(r, 0, 59))}`;

const CITIES = [['深圳', '广东', '4403', '粤B'], ['杭州', '浙江', '3301', '浙A'], ['北京', '北京', '1100', '京A'], ['成都', '四川', '5101', '川A'], ['武汉', '湖北', '4201', '鄂A'], ['南京', '江苏', '3201', '苏A']] as const;
const COMPANIES = ['深圳市腾飞科技有限公司', '杭州云帆信息技术有限公司', '北京华夏商贸有限公司', '成都天府餐饮管理有限公司', '武汉长江物流有限公司'];
const STATIONS = ['北京南', '上海虹桥', '杭州东', '南京南', '广州南', '深圳北', '武汉', '成都东', '西安北', '长沙南'];
const GOODS = ['*餐饮服务*餐费', '*信息技术服务*技术服务费', '*办公用品*打印纸', '*住宿服务*住宿费', '*运输服务*客运服务费'];
const CAPS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/** Whole yuan in capitals, up to 9999 (enough for these receipts): 1130 → 壹仟壹佰叁拾圆整. */
function capitals(yuan: number): string {
  const units = ['仟', '佰', '拾', ''];
  const ds = String(yuan).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) zero = out !== '';
    else {
      out += (zero ? '零' : '') + CAPS[d] + units[i];
      zero = false;
    }
  });
  return `${out || '零'}圆整`;
}

type Build = (r: Rng) => Omit<OtherSpec, 'seed' | 'kind' | 'photo'>;

const taxi: Build = (r) => {
  const [city, , , plate] = pick(r, CITIES);
  const unit = pick(r, [230, 250, 260, 270, 300]);
  const km = int(r, 30, 350) / 10;
  const fen = 1000 + Math.round(Math.max(0, km - 3) * unit) + int(r, 0, 5) * 100;
  return {
    title: pick(r, [`${city}市出租汽车统一发票`, `${city}出租汽车专用发票`, '出租车发票', `${city}市出租车发票`]),
    subtitle: '发票联',
    corner: [['发票代码', `1${CITIES.find((c) => c[0] === city)![2]}${digits(r, 7)}`], ['发票号码', digits(r, 8)]],
    blocks: [{ type: 'cells', rows: [
      [['监督电话', `${int(r, 2, 8)}${digits(r, 7)}`, true]], [['车号', `${plate}${digits(r, 5)}`, true]],
      [['证号', digits(r, 6), true]], [['日期', `${int(r, 2016, 2024)}-${pad2(int(r, 1, 12))}-${pad2(int(r, 1, 28))}`, true]],
      [['上车', time(r), true]], [['下车', time(r), true]], [['单价', `${money(unit)}元`, true]],
      [['里程', `${km.toFixed(1)}km`, true]], [['等候', `00:${pad2(int(r, 0, 9))}:${pad2(int(r, 0, 59))}`, true]],
      [['金额', `￥${money(fen)}元`, true]],
    ] }],
    footer: ['乘客须知：请索取发票'],
    width: 440, height: 860, accent: '#1d4f91', paper: pick(r, ['#fbfbf5', '#f4f6fb']), seal: null,
  };
};

const train: Build = (r) => {
  const [from, to] = [pick(r, STATIONS), pick(r, STATIONS.slice(0, 5))];
  const coach = pad2(int(r, 1, 16));
  return {
    title: `${from}站 → ${to === from ? '上海' : to}站`,
    subtitle: `${pick(r, ['G', 'D', 'C', 'K', 'Z'])}${int(r, 1, 2999)}`,
    corner: [['', `${pick(r, ['Z', 'E', 'F'])}${digits(r, 2)}${pick(r, ['A', 'C', 'J'])}${digits(r, 6)}`], ['检票', `${pick(r, ['A', 'B'])}${int(r, 1, 20)}`]],
    blocks: [
      { type: 'cells', rows: [[['', `${date(r)}${time(r)}开`], ['', `${coach}车${pad2(int(r, 1, 20))}${pick(r, ['A', 'B', 'C', 'D', 'F'])}号`]],
        [['', `￥${int(r, 50, 900)}.${int(r, 0, 9)}元`], ['', pick(r, ['二等座', '一等座', '商务座', '硬座', '硬卧', '无座'])]]] },
      { type: 'note', text: pick(r, ['限乘当日当次车', '仅供报销使用']) },
      { type: 'note', text: `${digits(r, 10)}****${digits(r, 3)}${pick(r, ['X', '1', '7'])}${pick(r, ['张三', '李四', '王芳', '陈明'])}` },
      { type: 'note', text: pick(r, ['买票请到12306 发货请到95306', '报销凭证 遗失不补']) },
    ],
    footer: [`${digits(r, 14)}A${digits(r, 6)} ${from}售`, '中国铁路祝您旅途愉快'],
    width: 860, height: 540, accent: '#1a3d7c', paper: pick(r, ['#dceaf7', '#f6dde3']), seal: null,
  };
};

const air: Build = (r) => {
  const fare = int(r, 4, 30) * 10000;
  return {
    title: '航空运输电子客票行程单',
    subtitle: 'ITINERARY/RECEIPT OF E-TICKET FOR AIR TRANSPORT',
    corner: [['印刷序号', digits(r, 10)]],
    blocks: [
      { type: 'cells', rows: [[['旅客姓名', pick(r, ['张三', '李四', '王芳'])], ['有效身份证件号码', `${digits(r, 6)}19${digits(r, 8)}`]],
        [['承运人', pick(r, ['CA', 'MU', 'CZ', 'HU'])], ['航班号', `${pick(r, ['CA', 'MU', 'CZ'])}${int(r, 1000, 9999)}`], ['座位等级', pick(r, ['Y', 'B', 'M'])]]] },
      { type: 'table', head: ['日期', '时间', '客票级别', '免费行李'], rows: [[`${pad2(int(r, 1, 28))}MAY`, time(r).replace(':', ''), 'Y', '20K']] },
      { type: 'cells', rows: [[['票价', `CNY ${money(fare)}`], ['民航发展基金', 'CN 50.00'], ['燃油附加费', `YQ ${int(r, 0, 12)}0.00`]],
        [['合计', `CNY ${money(fare + 5000)}`], ['电子客票号码', `${digits(r, 3)}${digits(r, 10)}`]],
        [['填开单位', pick(r, ['中国国际航空股份有限公司', '携程旅行网'])], ['填开日期', date(r)]]] },
    ],
    footer: ['验证码 ' + digits(r, 4), '提示信息：请于航班起飞前45分钟办理值机'],
    width: 1000, height: 560, accent: '#333', paper: '#f3f7ee', seal: null,
  };
};

/** VAT special and ordinary invoices share their sheet; `special` sets title, code length, copy. */
const vat = (special: boolean): Build => (r) => {
  const [, province, region] = pick(r, CITIES);
  const net = int(r, 1, 50) * 2000;
  const rate = pick(r, [6, 9, 13, 3]);
  const tax = Math.round((net * rate) / 100);
  const total = net + tax;
  const electronic = !special && r() < 0.4;
  return {
    title: `${province}增值税${special ? '专用' : electronic ? '电子普通' : '普通'}发票`,
    subtitle: special ? pick(r, ['发票联', '抵扣联']) : '发票联',
    corner: [['发票代码', special ? `${region}${digits(r, 6)}` : `0${region}${digits(r, 7)}`], ['发票号码', digits(r, 8)], ['开票日期', date(r)], ...(electronic ? [['校验码', `${digits(r, 5)} ${digits(r, 5)} ${digits(r, 5)} ${digits(r, 5)}`] as Cell] : [])],
    blocks: [
      { type: 'cells', rows: [[['购买方 名称', pick(r, COMPANIES)], ['密码区', `<${digits(r, 6)}*+-${digits(r, 5)}/>`]], [['纳税人识别号', `91${region}00${digits(r, 10)}`]], [['开户行及账号', `中国银行 ${digits(r, 12)}`]]] },
      { type: 'table', head: ['货物或应税劳务、服务名称', '规格型号', '单位', '数量', '单价', '金额', '税率', '税额'], rows: [[pick(r, GOODS), '', '次', '1', money(net), money(net), `${rate}%`, money(tax)], ['合计', '', '', '', '', `￥${money(net)}`, '', `￥${money(tax)}`]] },
      { type: 'cells', rows: [[['价税合计（大写）', capitals(Math.round(total / 100))], ['（小写）', `￥${money(Math.round(total / 100) * 100)}`]]] },
      { type: 'cells', rows: [[['销售方 名称', pick(r, COMPANIES)]], [['纳税人识别号', `91${region}00${digits(r, 10)}`]]] },
    ],
    footer: ['收款人：', '复核：', `开票人：${pick(r, ['王五', '赵六'])}`, '销售方：（章）'],
    width: 1100, height: 660, accent: special ? '#8a5a1a' : '#2d6a3a', paper: '#fbfaf2', seal: '发票专用章',
  };
};

const eInvoice: Build = (r) => {
  const net = int(r, 1, 80) * 1000;
  const tax = Math.round(net * 0.06);
  return {
    title: pick(r, ['电子发票（普通发票）', '电子发票（增值税专用发票）']),
    subtitle: null,
    corner: [['发票号码', `${int(r, 22, 24)}${digits(r, 18)}`], ['开票日期', date(r)]],
    blocks: [
      { type: 'cells', rows: [[['购买方信息 名称', pick(r, COMPANIES)], ['销售方信息 名称', pick(r, COMPANIES)]], [['统一社会信用代码/纳税人识别号', `91${digits(r, 6)}MA${digits(r, 8)}`]]] },
      { type: 'table', head: ['项目名称', '规格型号', '单位', '数量', '单价', '金额', '税率/征收率', '税额'], rows: [[pick(r, GOODS), '', '项', '1', money(net), money(net), '6%', money(tax)], ['合计', '', '', '', '', `¥${money(net)}`, '', `¥${money(tax)}`]] },
      { type: 'cells', rows: [[['价税合计（大写）', capitals(Math.round((net + tax) / 100))], ['（小写）', `¥${money(Math.round((net + tax) / 100) * 100)}`]]] },
    ],
    footer: [`开票人：${pick(r, ['王五', '赵六', '孙七'])}`],
    width: 1100, height: 620, accent: '#9a3b2a', paper: '#ffffff', seal: null,
  };
};

const machinePrinted: Build = (r) => {
  const [, province, region] = pick(r, CITIES);
  const fen = int(r, 2, 60) * 1000;
  const code = `1${region}${digits(r, 7)}`;
  const number = digits(r, 8);
  return {
    title: pick(r, [`${province}省国家税务局通用机打发票`, `${province}通用机打发票`, `${province}地方税务局通用机打发票`]),
    subtitle: '发票联',
    corner: [['发票代码', code], ['发票号码', number]],
    blocks: [{ type: 'cells', rows: [
      [['机打代码', code, true]], [['机打号码', number, true]], [['机器编号', digits(r, 12), true]],
      [['收款单位', pick(r, COMPANIES), true]], [['纳税人识别号', `${region}${digits(r, 11)}`, true]], [['开票日期', date(r), true]],
      [['行业分类', pick(r, ['餐饮业', '服务业', '娱乐业']), true]], [['付款单位', pick(r, ['个人', '北京华夏商贸有限公司']), true]],
      [['项目', '餐费', true], ['金额', money(fen), true]],
      [['合计金额（大写）', capitals(fen / 100), true]], [['合计金额（小写）', `￥${money(fen)}`, true]],
      [['开票人', pick(r, ['王五', '赵六']), true]],
    ] }],
    footer: ['查验网址：etax.chinatax.gov.cn'],
    width: 560, height: 920, accent: '#1d4f91', paper: '#fbfbf5', seal: '发票专用章',
  };
};

const vehicleSales: Build = (r) => {
  const price = int(r, 8, 40) * 10000;
  return {
    title: '机动车销售统一发票',
    subtitle: '发票联',
    corner: [['发票代码', `1${pick(r, CITIES)[2]}${digits(r, 7)}`], ['发票号码', digits(r, 8)], ['开票日期', date(r)]],
    blocks: [
      { type: 'cells', rows: [[['机打代码', digits(r, 12)], ['机打号码', digits(r, 8)], ['机器编号', digits(r, 12)]],
        [['购买方名称及身份证号码/组织机构代码', `${pick(r, ['张三', '李四'])} ${digits(r, 6)}19${digits(r, 8)}`]],
        [['车辆类型', pick(r, ['轿车', '多用途乘用车'])], ['厂牌型号', pick(r, ['大众汽车牌SVW7', '丰田牌TV7'])], ['产地', pick(r, ['上海', '天津', '广州'])]],
        [['合格证号', `W${digits(r, 13)}`], ['进口证明书号', ''], ['商检单号', '']],
        [['发动机号码', `${pick(r, ['DKX', 'M20'])}${digits(r, 6)}`], ['车辆识别代号/车架号码', `LSV${pick(r, ['AA', 'CB'])}${digits(r, 12)}`]],
        [['价税合计', capitals(price)], ['小写', `￥${money(price * 100)}`]],
        [['销货单位名称', pick(r, COMPANIES)], ['纳税人识别号', `91${digits(r, 6)}MA${digits(r, 8)}`]],
        [['增值税税率或征收率', '13%'], ['增值税税额', `￥${money(price * 13)}`], ['吨位', ''], ['限乘人数', '5']]] },
    ],
    footer: ['销货单位盖章', '开票人：王五'],
    width: 1100, height: 640, accent: '#333', paper: '#fbfaf2', seal: '发票专用章',
  };
};

const tollParking: Build = (r) => {
  const [city, province, region, plate] = pick(r, CITIES);
  const withIds = r() < 0.5;
  const ids: Cell[] = withIds ? [['发票代码', `2${region}${digits(r, 7)}`], ['发票号码', digits(r, 8)]] : [];
  if (r() < 0.5) {
    return {
      title: pick(r, [`${province}省高速公路通行费统一收据`, '车辆通行费专用票据', `${province}高速公路车辆通行费发票`]),
      subtitle: null, corner: ids,
      blocks: [{ type: 'cells', rows: [[['入口', `${pick(r, STATIONS)}站`, true]], [['出口', `${city}${pick(r, ['东', '南', '西', '北'])}站`, true]],
        [['车型', pick(r, ['一型车', '客一', '二型车']), true]], [['金额', `￥${int(r, 5, 180)}.00`, true]], [['收费员', digits(r, 4), true]], [['时间', `${date(r)} ${time(r)}`, true]]] }],
      footer: ['一车一票 当次有效'], width: 480, height: 700, accent: '#1a5a3a', paper: '#f8f8f0', seal: null,
    };
  }
  return {
    title: pick(r, ['停车收费专用票据', `${city}市停车服务费发票`, `${city}停车费收据`]),
    subtitle: null, corner: ids,
    blocks: [{ type: 'cells', rows: [[['车牌', `${plate}${digits(r, 5)}`, true]], [['入场时间', `${time(r)}`, true]], [['出场时间', `${time(r)}`, true]],
      [['停车时长', `${int(r, 0, 9)}小时${int(r, 1, 59)}分`, true]], [['金额', `￥${int(r, 2, 60)}.00`, true]], [['收费员', digits(r, 4), true]]] }],
    footer: ['请妥善保管 丢失不补'], width: 480, height: 700, accent: '#5a3a1a', paper: '#fbfbf5', seal: null,
  };
};

const BUILDERS: Record<OtherKind, Build> = {
  'taxi-receipt': taxi, 'train-ticket': train, 'air-itinerary': air, 'vat-special': vat(true),
  'vat-ordinary': vat(false), 'e-invoice': eInvoice, 'machine-printed': machinePrinted,
  'vehicle-sales': vehicleSales, 'toll-parking': tollParking,
};

/** One document of `kind` (default: the seed picks one), with the seed's capture conditions. */
export function makeOtherSpec(seed: number, opts: { kind?: OtherKind; photo?: boolean } = {}): OtherSpec {
  const r = mulberry32(seed * 2654435761 + 0x07e5);
  const kind = opts.kind ?? OTHER_KINDS[Math.floor(r() * OTHER_KINDS.length)]!;
  const built = BUILDERS[kind](r);
  return { seed, kind, ...built, photo: opts.photo ? makePhotoConditions(seed, built) : null };
}
