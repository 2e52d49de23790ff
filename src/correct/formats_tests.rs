use super::*;
use crate::lexicon::codes::{GRID_STATUS, PAYMENT_STATUS, TRANSFER_STATUS};

fn fixed(s: &str) -> Check {
    Check::Fixed(s.to_string())
}

#[test]
fn dates() {
    let cases: &[(&str, Check)] = &[
        ("2015.06.01", Check::Valid),
        ("2007.09", Check::Valid),
        ("2015年05月25日", Check::Valid),
        ("2015年5月29日", Check::Valid),
        ("--", Check::Valid),
        ("2015.O6.01", fixed("2015.06.01")),
        ("2O15.06.0l", fixed("2015.06.01")),
        ("2015,06,01", fixed("2015.06.01")),
        ("2015年O5月25日", fixed("2015年05月25日")),
        ("2022.06.16 广", fixed("2022.06.16")),
        ("一一", fixed("--")),
        // not a real day / month: left as read, never adjusted
        ("2015.02.30", Check::Invalid),
        ("2015.13.01", Check::Invalid),
        // a digit missing is not restored
        ("2015.06.1", Check::Invalid),
        ("OO", Check::Invalid),
        ("", Check::NotApplicable),
    ];
    for (s, want) in cases {
        assert_eq!(&check_date(s), want, "{s}");
    }
}

#[test]
fn month_ranges_restore_the_em_dash() {
    let cases: &[(&str, Check)] = &[
        ("2010年07月—2015年05月", Check::Valid),
        ("2010年07月-2015年05月", fixed("2010年07月—2015年05月")),
        ("2010年07月一2015年05月", fixed("2010年07月—2015年05月")),
        ("2010年07月－2015年O5月", fixed("2010年07月—2015年05月")),
        // no separator read at all: nothing is inserted
        ("2010年07月2015年05月", Check::Invalid),
        // end before start is not a window
        ("2015年07月-2010年05月", Check::Invalid),
    ];
    for (s, want) in cases {
        assert_eq!(&check_month_range(s), want, "{s}");
    }
}

#[test]
fn amounts() {
    let cases: &[(&str, Check)] = &[
        ("360,000", Check::Valid),
        ("0", Check::Valid),
        ("1,010,000", Check::Valid),
        ("--", Check::Valid),
        ("36O,000", fixed("360,000")),
        ("1，010，000", fixed("1,010,000")),
        ("l6,200", fixed("16,200")),
        ("360, 000", fixed("360,000")),
        ("-", fixed("--")),
        // a point before three digits is a comma that lost its tail
        ("9.480", fixed("9,480")),
        ("1.010,000", fixed("1,010,000")),
        ("123.32O", fixed("123,320")),
        ("12.50", Check::Valid),
        ("12.5000", Check::Invalid),
        // a lone letter is not a misread digit: stays as read
        ("O", Check::Invalid),
        // a missing comma is not invented
        ("360000", Check::Invalid),
        ("36,00", Check::Invalid),
        ("工商银行", Check::Invalid),
    ];
    for (s, want) in cases {
        assert_eq!(&check_amount(s), want, "{s}");
    }
}

#[test]
fn counts_years_percentages() {
    assert_eq!(check_count("12"), Check::Valid);
    assert_eq!(check_count("l2"), fixed("12"));
    assert_eq!(check_count("--"), Check::Valid);
    assert_eq!(check_count("N"), Check::Invalid);
    assert_eq!(check_year("2008"), Check::Valid);
    assert_eq!(check_year("2OO8"), fixed("2008"));
    assert_eq!(check_year("3008"), Check::Invalid);
    assert_eq!(check_percent("12%"), Check::Valid);
    assert_eq!(check_percent("１２％"), fixed("12%"));
    assert_eq!(check_percent("l2%"), fixed("12%"));
    assert_eq!(check_percent("12"), Check::Invalid);
}

#[test]
fn id_numbers() {
    let cases: &[(&str, Check)] = &[
        // 11010519491231002X is the GB 11643 example; its check character is X
        ("11010519491231002X", Check::Valid),
        ("11010519491231002x", fixed("11010519491231002X")),
        ("1101O519491231002X", fixed("11010519491231002X")),
        ("110108******181X", Check::Valid),
        ("110108198108151", Check::Valid),
        // wrong check character: left as read, no digit is changed to make it pass
        ("110105194912310021", Check::Invalid),
        ("1101O5194912310021", Check::Invalid),
        // a passport number is not a resident ID: not this check's business
        ("G30003516", Check::NotApplicable),
    ];
    for (s, want) in cases {
        assert_eq!(&check_id_number(s), want, "{s}");
    }
}

#[test]
fn phones() {
    let cases: &[(&str, Check)] = &[
        ("13811117777", Check::Valid),
        ("010—83234323", Check::Valid),
        ("010-83234323", fixed("010—83234323")),
        ("010一83234323", fixed("010—83234323")),
        ("138l1117777", fixed("13811117777")),
        ("1381111777", Check::Invalid),
    ];
    for (s, want) in cases {
        assert_eq!(&check_phone(s), want, "{s}");
    }
}

#[test]
fn grid_status_codes() {
    let cases: &[(&str, Check)] = &[
        ("N", Check::Valid),
        ("#", Check::Valid),
        ("*", Check::Valid),
        ("7", Check::Valid),
        ("Ｎ", fixed("N")),
        ("B16,200", Check::Valid),
        ("B16，200", fixed("B16,200")),
        // not a code: left as read, never guessed (`O` could be 0 or D)
        ("O", Check::Invalid),
        ("8", Check::Invalid),
        ("NN", Check::Invalid),
        // blank stays blank
        ("", Check::NotApplicable),
    ];
    for (s, want) in cases {
        assert_eq!(&check_grid_status_cell(s, GRID_STATUS), want, "{s}");
    }
    // Marks misread as look-alikes come back; an ambiguous look-alike stays as read.
    for (seen, code) in [
        ("★", "*"),
        ("大", "*"),
        ("※", "*"),
        ("•", "*"),
        ("。", "*"),
        ("井", "#"),
        ("l", "1"),
    ] {
        assert_eq!(check_grid_status_cell(seen, GRID_STATUS), fixed(code), "{seen}");
    }
    assert_eq!(check_grid_status_cell("O", GRID_STATUS), Check::Invalid);
    // In a 后付费 grid `D` is no code, so `O` can only be `0`.
    assert_eq!(check_grid_status_cell("O", PAYMENT_STATUS), fixed("0"));
    assert_eq!(check_grid_status_cell("7", PAYMENT_STATUS), Check::Invalid);
    assert_eq!(check_grid_status_cell("大", PAYMENT_STATUS), fixed("*"));
    assert_eq!(check_status("9", TRANSFER_STATUS), Check::Valid);
    assert_eq!(check_status("N", TRANSFER_STATUS), Check::Invalid);
}

#[test]
fn report_time_and_number() {
    assert_eq!(check_report_time("2015.06.01 10:05:15"), Check::Valid);
    assert_eq!(check_report_time("2024.031311:05:32"), fixed("2024.03.13 11:05:32"));
    assert_eq!(check_report_time("2015.06.0l 10:05:15"), fixed("2015.06.01 10:05:15"));
    assert_eq!(check_report_time("2024.0313 11:05:3"), Check::Invalid);
    assert_eq!(check_report_number("201506010000332123"), Check::Valid);
    assert_eq!(check_report_number("2015O6010000332123"), fixed("201506010000332123"));
    assert_eq!(check_report_number("20150601000033212"), Check::Invalid);
}

#[test]
fn check_value_keeps_original_unless_fixed() {
    assert_eq!(check_amount("36O,000").value("36O,000"), "360,000");
    assert_eq!(check_amount("O").value("O"), "O");
    assert_eq!(check_amount("360,000").value("360,000"), "360,000");
}

#[test]
fn a_lone_o_in_a_grid_amount_cell_is_zero() {
    assert_eq!(check_grid_amount_cell("o"), Check::Fixed("0".into()));
    assert_eq!(check_grid_amount_cell("O"), Check::Fixed("0".into()));
    assert_eq!(check_grid_amount_cell("0"), Check::Valid);
    assert_eq!(check_grid_amount_cell("1,2O0"), Check::Fixed("1,200".into()));
    assert_eq!(check_grid_amount_cell("x"), Check::Invalid);
    // Outside the grid a lone O stays as read.
    assert_eq!(check_amount("O"), Check::Invalid);
}

#[test]
fn a_report_time_with_a_colon_read_as_a_point_is_rebuilt() {
    assert_eq!(
        check_report_time("2020.01.2618:05.46"),
        Check::Fixed("2020.01.26 18:05:46".into())
    );
    // A separator inside a field, or too few separators: left as read.
    assert_eq!(check_report_time("2020.0.126 18:05:46"), Check::Invalid);
    assert_eq!(check_report_time("20200126180546"), Check::Invalid);
}

#[test]
fn a_date_that_lost_one_point_is_rebuilt() {
    assert_eq!(check_date("2019.1224"), Check::Fixed("2019.12.24".into()));
    assert_eq!(check_date("201912.24"), Check::Fixed("2019.12.24".into()));
    // No point left, a point inside a field, or no valid date: left as read.
    assert_eq!(check_date("20191224"), Check::Invalid);
    assert_eq!(check_date("20.191224"), Check::Invalid);
    assert_eq!(check_date("2019.1324"), Check::Invalid);
}

#[test]
fn masked_institution_names_get_their_quotes_and_type_back() {
    let check = check_masked_institution;
    let fixed = |s: &str| match check(s) {
        Check::Fixed(v) => v,
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(check("外资银行“D7HY”"), Check::Valid);
    assert_eq!(fixed("外责银行-D7HY"), "外资银行“D7HY”");
    assert_eq!(fixed("汽车金融公司-DLTQS91K°"), "汽车金融公司“DLTQS91K”");
    assert_eq!(fixed("小额贷款公司\"KYYKNT"), "小额贷款公司“KYYKNT”");
    assert_eq!(fixed("商业银行*7P5NL6\""), "商业银行“7P5NL6”");
    assert_eq!(fixed("汽车金融公司T5NUY"), "汽车金融公司“T5NUY”");
    assert_eq!(check("网络小额贷款公司“AB12”"), Check::Valid);
    assert_eq!(fixed("网络小额贷款公司AB12"), "网络小额贷款公司“AB12”");
    // The code is never changed, only its quotes: a misread code stays misread.
    assert_eq!(fixed("村镇银行BUGY"), "村镇银行“BUGY”");
    // Legal names, codes with lower-case or CJK characters, and two misread type characters
    // are not this check's business.
    assert_eq!(check("招商银行股份有限公司广州市分行"), Check::NotApplicable);
    assert_eq!(check("商业银行股份有限公司"), Check::NotApplicable);
    assert_eq!(check("商业银行“ab12”"), Check::NotApplicable);
    assert_eq!(check("散责租赁公司BQP0422Q"), Check::NotApplicable);
    assert_eq!(check("--"), Check::NotApplicable);
}
