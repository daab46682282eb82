package sqlite

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// Generate fills the store with cases and timeline entries in one transaction,
// through the same insert helpers (and audit events) as the public methods, so
// benchmarks run on a realistic file in seconds rather than hours of fsyncs.
func (s *Store) Generate(cases, entriesPerCase int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	loc := time.FixedZone("JST", 9*3600)
	start := time.Date(2016, 4, 1, 9, 0, 0, 0, loc)
	span := time.Date(2026, 11, 1, 0, 0, 0, 0, loc).Sub(start)
	return s.tx("generate", func(tx *sql.Tx) error {
		for i := range cases {
			disc := start.Add(time.Duration(float64(span) * float64(i) / float64(cases)))
			class := data.ClassFailure
			if rng.IntN(2) == 0 {
				class = data.ClassMisconduct
			}
			c := data.Case{
				Title:        titles[rng.IntN(len(titles))] + fmt.Sprintf("（%s）", places[rng.IntN(len(places))]),
				Class:        class,
				Status:       data.Statuses[rng.IntN(len(data.Statuses))],
				DiscoveredAt: disc,
				Drill:        rng.IntN(5) == 0,
			}
			if err := s.createCase(tx, &c); err != nil {
				return err
			}
			for j := range entriesPerCase {
				e := data.Entry{
					CaseID: c.ID,
					At:     disc.Add(time.Duration(j*7+rng.IntN(7)) * time.Minute),
					Kind:   data.EntryNote,
					Text: fmt.Sprintf("%s。%s（%s）", phrases[rng.IntN(len(phrases))],
						phrases[rng.IntN(len(phrases))], places[rng.IntN(len(places))]),
					Author: "生成",
				}
				if err := s.addEntry(tx, &e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

var titles = []string{
	"CS端末への不審な操作", "庁内LANの回線断", "サーバ室の停電", "業務端末のウイルス検出",
	"ファイアウォールのログに不正アクセスの痕跡", "CSのディスク障害", "交換機故障による通信断",
	"無権限者の執務室への立入り", "バックアップテープの所在不明", "ソフトウェア更新後の不具合",
}

var places = []string{"本庁舎3階 市民課", "電算室", "古川総合支所", "松山総合支所", "三本木総合支所", "鹿島台総合支所", "岩出山総合支所", "鳴子総合支所", "田尻総合支所"}

var phrases = []string{
	"セキュリティ責任者へ電話で報告した", "システム管理者へ連絡した", "電源スイッチ・コンセントを確認した",
	"警告ランプが赤色に点灯していることを確認した", "保守委託事業者に協力を要請した", "ネットワークから切り離した",
	"宮城県市町村課へ第一報を入れた", "指定情報処理機関へ連絡した", "アクセスログを保全した",
	"不審な操作の記録を確認した", "本人確認情報の整合性を確認した", "代替措置として窓口で手作業の受付を開始した",
	"来庁者への説明文を掲示した", "照合IDの再登録を行った", "運用再開の承認を得た",
	"情報漏洩の可能性は低いと判断した", "ウイルス対策ソフトで全端末をスキャンした", "UPSへの切替を確認した",
	"コマンドによる疎通確認を実施した", "目視チェックで配線の抜けを発見した", "交換機の再起動を依頼した",
	"事情聴取を実施した", "セキュリティ会議の開催を求めた", "被害状況の把握を継続している",
	"原因はケーブルの断線と判明した", "ファイアウォールの設定を見直した", "予備装置に切り替えた",
	"問い合わせ対応の想定問答を作成した", "市民課窓口に状況を説明した", "経過を記録した",
}

// BindVersion is the schema version from which rows are bound to the chain.
func BindVersion() int { return bindVersion }

// MigrateAtVersion brings a file made by CreateAtVersion (and filled by hand
// as that release wrote it) up to schema version to, as that release's
// successor did: from the bind version on, the rows are bound to the chain.
func MigrateAtVersion(path string, to int) error {
	s, err := connect(path, "rw")
	if err != nil {
		return err
	}
	defer s.Close()
	var from int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&from); err != nil {
		return err
	}
	return s.migrateTo(from, to)
}
