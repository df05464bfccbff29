"""A: 行動・結果・工夫 — what I did, what came of it (in numbers), what I devised."""

from __future__ import annotations

from collections.abc import Iterator

from coach.analysis.rules import Draft, Hit, rule
from coach.analysis.rules.patterns import low_number_role, patterns

ARI = ("ari", "both")


def _first(draft: Draft, attr: str) -> int | None:
    return next((s.index for s in draft.body if getattr(s, attr)), None)


@rule(
    "A201",
    "action-missing",
    level="warning",
    title="自分の行動がない",
    summary="あなた自身が実際にとった具体的な手順（〜を提案し、〜を作成しました）があるかを見ます。",
    rationale=(
        "職務内容が抽象的だと、どのレベルの仕事ができる人なのかが現場に伝わりません。"
        "面接官は、入社後に同じ手順を自分のチームで踏めるかを、あなたの行動から判断します。"
    ),
    fix="「私は〜を分析し、〜を提案しました」のように、自分がとった手順を動詞で具体的に話しましょう",
    bad="担当エリアの売上改善に取り組み、成果を出すことができました。",
    good="私は担当30社の受注履歴を分析し、休眠顧客への再提案リストを作って毎週5社を訪問しました。",
    structures=ARI,
    priority=20,
    element="action",
)
def action_missing(draft: Draft) -> Iterator[Hit]:
    if draft.body and not draft.labels["action"]:
        if _first(draft, "team_actions") is not None or _plans_only(draft) is not None:
            return  # A202 / A206 say it more precisely
        yield Hit(None, "あなた自身がとった具体的な行動が見当たりません")


@rule(
    "A202",
    "team-only-action",
    level="warning",
    title="主語がチームだけ",
    summary="行動の主語が「チームで」「私たちは」だけになり、自分の役割が消えていないかを見ます。",
    rationale=(
        "チームの成果を語るのは悪くありませんが、二次面接で知りたいのはその中でのあなたの役割です。"
        "主語が「私たち」だけだと、あなたがいなくても同じ成果が出たように聞こえます。"
    ),
    fix="チームの取り組みの中で、あなたが担当した部分や自分で判断したことを「私は」を主語にして話しましょう",
    bad="チームで業務フローを見直し、残業を減らしました。",
    good="チームで業務フローを見直す中で、私は各工程の所要時間を計測し、重複作業を洗い出す役を担いました。",
    structures=ARI,
    priority=18,
    element="action",
)
def team_only_action(draft: Draft) -> Iterator[Hit]:
    index = _first(draft, "team_actions")
    if index is not None and not draft.labels["action"]:
        yield Hit(index, "行動の主語が「チーム」「私たち」だけで、あなた自身の役割が見えません")


def _doubted(draft: Draft, element: str, found: str, fix: str) -> Hit | None:
    """When the rules saw the element in a sentence but the label model did not accept it, the
    finding points at that sentence and says why it does not count yet (an outcome is the last
    such sentence, anything else the first)."""
    doubted = draft.elements.doubted.get(element)
    if not doubted:
        return None
    return Hit(doubted[-1] if element == "result" else doubted[0], found, fix=fix)


def _plans_only(draft: Draft) -> int | None:
    if draft.labels["action"]:
        return None
    return next((s.index for s in draft.body if s.planned and s.future), None)


@rule(
    "A206",
    "plans-not-deeds",
    level="warning",
    title="やったことより抱負",
    summary="実際にやったことではなく、これからやりたいこと（抱負・予定）だけになっていないかを見ます。",
    rationale=(
        "意欲は一次面接で伝わっています。二次面接の現場責任者は、過去の行動から入社後の動きを予測します。"
        "抱負だけでは、それを実行できる根拠がありません。"
    ),
    fix="これからの抱負の前に、過去に実際にやったこと（行動と結果）を一つ示し、抱負はその延長として話しましょう",
    bad="入社後は新しい営業手法を取り入れて、売上に貢献していきたいです。",
    good="前職では商談の録画を見返す勉強会を自分で始め、成約率を8%上げました。御社でも…",
    structures=ARI,
    priority=19,
    element="action",
)
def plans_not_deeds(draft: Draft) -> Iterator[Hit]:
    index = _plans_only(draft)
    if index is not None:
        yield Hit(index, "これからやりたいこと（抱負・予定）が中心で、実際にやったことがありません")


@rule(
    "A203",
    "result-missing",
    level="warning",
    title="結果がない",
    summary="行動のあとに何が起きたか（成果・変化・失敗も含む結果）が述べられているかを見ます。",
    rationale=(
        "行動だけでは、それが効いたのかどうかが分かりません。"
        "現場の面接官は結果から、あなたの判断が正しかったかを検証します。うまくいかなかった結果も、"
        "そこから何を変えたかまで話せば評価の材料になります。"
    ),
    fix="「その結果、〜が〜まで減りました」のように、取り組みの後に何が変わったかを言い切りましょう（うまくいかなかった結果でも構いません）",
    bad="私は毎朝、前日の出荷ミスを共有する場を設けました。",
    good="私は毎朝、前日の出荷ミスを共有する場を設けました。その結果、誤出荷は月12件から3件に減りました。",
    structures=ARI,
    priority=22,
    element="result",
)
def result_missing(draft: Draft) -> Iterator[Hit]:
    if draft.body and not draft.labels["result"]:
        yield _doubted(
            draft,
            "result",
            "結果らしい文はありますが、あなたの行動によって何が変わったのかが読み取れません",
            "「その結果、〜が〜から〜に減りました」のように、行動の後の変化として言い切りましょう"
            "（うまくいかなかった結果でも構いません）",
        ) or Hit(None, "行動の結果（その後どうなったか）が述べられていません")


LOW_NUMBER_FIX = (
    "数字にしにくい仕事では、頻度（毎朝・週2回）、期間（3か月続けた）、相手の様子の変化"
    "（自分から食事をとるようになった）、周りの言葉（「助かった」と言われた）で変化の大きさを示しましょう"
)


@rule(
    "A204",
    "result-not-quantified",
    level="info",
    title="数字がない",
    summary="結果や取り組みの大きさが、件数・割合・金額・期間などの数字で示されているかを見ます（介護・看護・教育・事務など数字にしにくい仕事では、頻度・期間・様子の変化・周りの言葉でも構いません）。",
    rationale=(
        "「大きく改善しました」は人によって大きさの感覚が違います。"
        "数字があると成果の規模が比べられ、あなたの仕事のレベルが現場の基準で伝わります。"
    ),
    fix="件数・割合・金額・期間など、変化の大きさを数字で示しましょう（例: 月20件→12件、3か月で15%改善）",
    bad="その結果、問い合わせが大きく減りました。",
    good="その結果、問い合わせは月150件から90件に減りました。",
    structures=ARI,
    priority=30,
    element="quantified",
)
def result_not_quantified(draft: Draft) -> Iterator[Hit]:
    if draft.labels["result"] and not draft.labels["quantified"]:
        # outcomes come at the end of a story; the last one is the one to quantify
        index = next(
            (s.index for s in reversed(draft.body) if draft.elements.shows(s, "result")), None
        )
        if low_number_role(draft.category, draft.text):
            # care, teaching, back office: how often, how long, what changed, who said so
            if any(patterns().other_evidence.search(s.norm) for s in draft.body):
                return
            yield Hit(
                index,
                "結果は述べていますが、どのくらい変わったのかを示す材料（頻度・期間・様子の変化・周りの言葉）がありません",
                fix=LOW_NUMBER_FIX,
            )
            return
        yield Hit(index, "結果は述べていますが、大きさを示す数字がありません")


@rule(
    "A205",
    "ingenuity-missing",
    level="info",
    title="工夫・判断がない",
    summary="あなたならではの工夫や判断（なぜそのやり方を選んだか）があるかを見ます。",
    rationale=(
        "言われたことをこなしただけの話は、誰がやっても同じに聞こえます。"
        "自分で考えて選んだ点とその理由こそが、環境が変わっても成果を再現できる根拠になります。"
    ),
    fix="「〜を防ぐために、あえて〜しました」「〜と考えて〜を選びました」のように、自分で決めた点とその理由を加えましょう",
    bad="私は新しい管理表を作り、チームに共有しました。",
    good="入力の手間で使われなくなるのを防ぐため、あえて項目を5つに絞った管理表を作りました。",
    structures=ARI,
    priority=28,
    element="ingenuity",
)
def ingenuity_missing(draft: Draft) -> Iterator[Hit]:
    if draft.body and not draft.labels["ingenuity"]:
        yield _doubted(
            draft,
            "ingenuity",
            "判断の跡はありますが、誰でも同じようにする手順に聞こえ、あなたならではの工夫として"
            "伝わりにくい状態です",
            "ほかに考えた方法と比べてなぜそれを選んだのか、何を避けるために「あえて」"
            "変えた点は何かを一言加えましょう",
        ) or Hit(None, "あなたならではの工夫や判断が見えません")
