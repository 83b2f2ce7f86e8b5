"""Fictional names for the demo city: enterprise names and their 统一社会信用代码, people's names and phones."""

from __future__ import annotations

import numpy as np

from etl.credit_code import ALPHABET, check_character


def _pairs(text: str) -> tuple[str, ...]:
    return tuple(text[i : i + 2] for i in range(0, len(text), 2))


TRADE_NAMES = _pairs(
    "恒达鑫源华信瑞丰宏远盛世天成金鹏中联博雅嘉禾锦程通泰永安隆兴启航新锐东方德润万和恒昌泰和安泰汇通诚信"
    "聚力鼎盛宏图卓越信达华兴振华华宇晨光富源丰泽昌盛兴业润丰明辉利民长江淮海皖丰金桥银河国泰远航世纪腾飞"
    "中科华创创新科达智联云帆青松翔宇海纳同创和泰正邦开元恒信金源天润福瑞宝丰龙腾凯旋祥和鸿运润泽佳和康宁"
    "华润新华惠民合力同心众诚宏泰百川四海大地蓝天绿源青禾春晖秋实金穗丰收沃土星河辰宇坤泰乾元中天日升月华"
    "淮润川源湖光山海塘韵岭峰溪谷江帆河畅临川锦绣华美美佳嘉信佳信德邦德盛盛达达安安信信诚诚达恒通通达远大"
    "大成成功功达力源源通旭日朝阳阳光光华华晨晨曦曦和和顺顺达达丰金诺银泰铭远铭泰弘业弘毅睿智睿达卓信卓成"
    "赛博思源博远融创融信汇丰汇智智源源丰丰华"
)

# Industry phrases, with the weight of their share among the city's enterprises.
INDUSTRIES = {
    "机械制造": 8,
    "电子科技": 6,
    "新材料科技": 5,
    "食品": 5,
    "纺织服饰": 3,
    "建材": 4,
    "物流": 5,
    "农业发展": 6,
    "生物医药": 2,
    "化工": 2,
    "汽车零部件": 3,
    "商贸": 10,
    "建筑工程": 6,
    "环保科技": 3,
    "信息技术": 5,
    "光电科技": 2,
    "包装材料": 2,
    "家居": 2,
    "能源科技": 2,
    "智能装备": 3,
    "农产品加工": 3,
    "餐饮管理": 3,
    "置业": 2,
    "医疗器械": 2,
    "文化传媒": 2,
    "供应链管理": 2,
    "精密铸造": 1,
    "新能源科技": 2,
}
LEGAL_FORMS = {"有限公司": 70, "有限责任公司": 16, "股份有限公司": 9, "集团有限公司": 2, "科技有限公司": 3}

SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
)
GIVEN_CHARS = tuple(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂华建国文红玉兰英志鹏辉斌宇浩凯健俊帆帅旭宁龙林欣晨雪琳婷"
    "倩颖佳怡悦晶瑶慧博昊然思雨子轩梓涵一诺嘉睿海波峰亮飞翔东春秋冬梅荣新永德成忠良立学民友庆云玲燕萍莉璐"
    "蕾琪雯婧"
)
MOBILE_PREFIXES = ("139", "138", "137", "136", "135", "158", "159", "188", "186", "177", "151", "152", "182", "199")
CODE_BODY = ALPHABET.replace("I", "").replace("O", "")


def enterprise_names(
    rng: np.random.Generator, prefixes: np.ndarray, industries: np.ndarray, forms: np.ndarray
) -> np.ndarray:
    """One name per row: place prefix + 字号 + industry + legal form, e.g. 淮川市恒达机械制造有限公司."""
    trade = rng.choice(np.array(TRADE_NAMES), size=len(prefixes))
    return np.char.add(np.char.add(np.char.add(prefixes.astype(str), trade), industries.astype(str)), forms.astype(str))


def credit_codes(rng: np.random.Generator, division_codes: np.ndarray) -> list[str]:
    """Valid 统一社会信用代码: 91 (enterprise) + 6-digit division + 9-character body + GB 32100 check character.

    Newer codes (about 60 %) have an ``MA`` body as issued since 2015; the rest carry the old organisation code.
    """
    n = len(division_codes)
    new_style = rng.random(n) < 0.6
    digits = rng.integers(0, 10, size=(n, 9))
    letters = rng.integers(0, len(CODE_BODY), size=(n, 7))
    codes = []
    for i, division in enumerate(division_codes):
        body = "MA" + "".join(CODE_BODY[k] for k in letters[i]) if new_style[i] else "".join(map(str, digits[i]))
        first17 = f"91{division}{body}"
        codes.append(first17 + check_character(first17))
    return codes


def person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    surnames = rng.choice(np.array(SURNAMES), size=n)
    first = rng.choice(np.array(GIVEN_CHARS), size=n)
    second = np.where(rng.random(n) < 0.7, rng.choice(np.array(GIVEN_CHARS), size=n), "")
    return np.char.add(np.char.add(surnames, first), second)


def mobile_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    prefixes = rng.choice(np.array(MOBILE_PREFIXES), size=n)
    return np.char.add(prefixes, np.char.zfill(rng.integers(0, 100_000_000, size=n).astype(str), 8))
