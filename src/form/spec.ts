/**
 * The annex form as data. Locator, validator, template writer and merger all read this one
 * definition; nothing else in the code knows the form's wording.
 */

export type ItemKind = "whole" | "decimal";

export interface FormItem {
  /** Stable id used in code, JSON and marks. */
  id: string;
  /** 序号 on the printed form. */
  no: number;
  /** 项目 as printed. */
  label: string;
  /** English label for the English UI and JSON consumers. */
  labelEn: string;
  /** 单位 of measure as printed (editable: units other than 人(次) and 万元 are inferred). */
  unit: string;
  kind: ItemKind;
  /** Decimal places allowed (0 for whole numbers). */
  decimals: number;
  /** Other wordings seen in circulated copies; matching also forgives punctuation and spacing. */
  aliases: string[];
}

export interface FormSpec {
  id: string;
  title: string;
  titleEn: string;
  /** Wordings of the title seen in circulated copies. */
  titleAliases: string[];
  columns: {
    item: string;
    unit: string;
    month: string;
    cumulative: string;
    monthAliases: string[];
    cumulativeAliases: string[];
    itemAliases: string[];
    unitAliases: string[];
  };
  unitLabel: string;
  unitLabelAliases: string[];
  dateLabel: string;
  dateLabelAliases: string[];
  note: string;
  items: FormItem[];
}

export const ANNEX: FormSpec = {
  id: "qiangzhifa-fangshigu-monthly",
  title: "安全监管“强执法防事故”行动情况月报表",
  titleEn: "Monthly report: safety supervision 'strict enforcement, accident prevention' campaign",
  titleAliases: ["强执法防事故行动情况月报表", "行动情况月报表"],
  columns: {
    item: "项目",
    unit: "单位",
    month: "本月数",
    cumulative: "累计数",
    itemAliases: ["项目名称", "内容", "指标"],
    unitAliases: ["计量单位", "单位名称"],
    monthAliases: ["本月", "当月数", "当月", "本月完成"],
    cumulativeAliases: ["累计", "累计完成", "年累计", "本年累计"],
  },
  unitLabel: "填报单位（盖章）",
  unitLabelAliases: ["填报单位", "报送单位", "填表单位"],
  dateLabel: "填报时间",
  dateLabelAliases: ["填报日期", "报送时间", "报送日期", "填表时间", "填表日期"],
  note: "注：本表由各乡镇、负有安全监管职责的部门汇总填写，每月10日前向县安委办报送（上月情况）。",
  items: [
    {
      id: "activities",
      no: 1,
      label: "组织（包括日常、集中、联合、专项等）执法活动",
      labelEn: "Enforcement actions organised (routine, concentrated, joint, special)",
      unit: "次",
      kind: "whole",
      decimals: 0,
      aliases: ["组织执法活动", "执法活动", "组织执法行动", "执法行动"],
    },
    {
      id: "officers",
      no: 2,
      label: "出动执法人员",
      labelEn: "Enforcement officers deployed",
      unit: "人（次）",
      kind: "whole",
      decimals: 0,
      aliases: ["出动执法人次", "执法人员", "出动人员"],
    },
    {
      id: "inspected",
      no: 3,
      label: "检查生产经营单位",
      labelEn: "Businesses inspected",
      unit: "家（次）",
      kind: "whole",
      decimals: 0,
      aliases: ["检查生产经营单位数", "检查企业", "检查单位"],
    },
    {
      id: "cases",
      no: 4,
      label: "立案调查",
      labelEn: "Cases opened for investigation",
      unit: "起",
      kind: "whole",
      decimals: 0,
      aliases: ["立案", "立案查处"],
    },
    {
      id: "fines",
      no: 5,
      label: "经济处罚",
      labelEn: "Fines imposed",
      unit: "万元",
      kind: "decimal",
      decimals: 4,
      aliases: ["罚款", "经济处罚金额", "罚没款"],
    },
    {
      id: "suspended",
      no: 6,
      label: "责令停产停业",
      labelEn: "Ordered to suspend production or business",
      unit: "家",
      kind: "whole",
      decimals: 0,
      aliases: ["责令停产停业整顿", "停产停业"],
    },
    {
      id: "licences",
      no: 7,
      label: "暂扣或者吊销许可证照",
      labelEn: "Licences suspended or revoked",
      unit: "家",
      kind: "whole",
      decimals: 0,
      aliases: ["暂扣或吊销许可证照", "暂扣吊销许可证照", "暂扣或者吊销证照", "暂扣或吊销证照"],
    },
    {
      id: "closed",
      no: 8,
      label: "取缔关闭",
      labelEn: "Banned and closed",
      unit: "家",
      kind: "whole",
      decimals: 0,
      aliases: ["关闭取缔", "取缔", "关闭"],
    },
    {
      id: "officials",
      no: 9,
      label: "问责领导干部",
      labelEn: "Officials held accountable",
      unit: "人",
      kind: "whole",
      decimals: 0,
      aliases: ["问责干部", "问责"],
    },
    {
      id: "detained",
      no: 10,
      label: "行政拘留",
      labelEn: "Administrative detentions",
      unit: "人",
      kind: "whole",
      decimals: 0,
      aliases: ["拘留"],
    },
    {
      id: "arrested",
      no: 11,
      label: "抓捕涉嫌犯罪人员",
      labelEn: "Criminal suspects arrested",
      unit: "人",
      kind: "whole",
      decimals: 0,
      aliases: ["抓捕犯罪嫌疑人", "抓捕涉嫌犯罪"],
    },
  ],
};

/** Scale factor that turns any allowed value into an exact integer (4 decimal places). */
export const SCALE = 10000;
