"""Character folding: full-width ASCII → ASCII, and traditional → simplified for the words an office's headers and
labels use (港澳台 platforms and old BIG5 exports write 縣區、訴求編號、辦理狀態、滿意). Simplifying is for matching
only: a stored value keeps what the file says."""

from __future__ import annotations

import re

# Full-width ASCII (！…～) and the ideographic space fold to their ASCII forms.
FULLWIDTH = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: 0x20, 0xA0: 0x20}
FULLWIDTH_RE = re.compile("[\uff01-\uff5e\u3000\xa0]")

# Pairs of (traditional, simplified), kept to the characters of the product's headers, labels and place words.
_PAIRS = (
    "縣县 區区 屬属 稱称 號号 碼码 編编 單单 們们 訴诉 辦办 結结 狀状 態态 時时 間间 處处 級级 別别 類类 項项 "
    "聯联 繫系 電电 話话 評评 價价 滿满 業业 戶户 稱称 務务 門门 問问 題题 實实 際际 劃划 開开 發发 現现 "
    "責责 負负 銷销 證证 機机 構构 關关 係系 場场 監监 導导 產产 資资 進进 達达 總总 計计 數数 據据 庫库 "
    "專专 報报 歸归 檔档 訪访 覆复 復复 勵励 獎奖 驗验 歷历 紀纪 錄录 審审 導导 責责 標标 準准 規规 劃划 "
    "階阶 臨临 層层 員员 幹干 網网 優优 選选 擇择 額额 萬万 億亿 圓圆 幣币 內内 簽签 轉转 饋馈 "
    "銀银 稅税 醫医 療疗 衛卫 環环 創创 團团 體体 築筑 設设 備备 續续 簡简 舊旧 觀观 親亲 護护 權权 "
    "邊边 這这 來来 與与 為为 對对 東东 嶺岭 園园 濟济 壓压 應应 雙双 說说 勢势 況况 遲迟 緩缓 礙碍 "
    "齊齐 異异 當当 將将 買买 賣卖 購购 貸贷 險险 點点 質质 傳传 線线 書书 頁页 題题 營营 齡龄 "
    "積积 極极 屆届 屬属 啟启 動动 態态 韓韩 啓启 龍龙 鄉乡 鎮镇 組组 織织 協协 調调 議议 請请 讓让 "
    "無无 沒没 較较 過过 還还 遠远 適适 運运 輸输 氣气 電电 燈灯 熱热 廠厂 礦矿 鐵铁 陸陆 陽阳 陰阴 "
    "覽览 歲岁 齋斋 衝冲 週周 佈布 裡里 佔占 畫画 驅驱 麼么 樣样 條条 決决 義义 讀读 寫写 學学 習习 "
    "畢毕 獲获 氣气 廳厅 廣广 漢汉 華华 灣湾 島岛 億亿 兩两 個个 幾几 後后 從从 準准 雲云 範范 圍围 "
)
TRADITIONAL = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split()})


def to_simplified(text: str) -> str:
    """``text`` with the traditional characters the table knows replaced by their simplified forms."""
    return text.translate(TRADITIONAL)


def fold_text(value: str) -> str:
    """Full-width letters, digits, punctuation and spaces folded to ASCII; surrounding whitespace removed."""
    return value.translate(FULLWIDTH).strip() if FULLWIDTH_RE.search(value) else value.strip()
