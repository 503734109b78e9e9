/// HTML character references: numeric ones, and the named ones of HTML 4 (the set letters
/// and mail clients write) plus `&apos;`.
enum HTMLEntities {
    /// Latin-1 names, U+00A0 to U+00FF in order.
    private static let latin1 = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute \
        micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig \
        Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash \
        Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute \
        ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc \
        uuml yacute thorn yuml
        """

    /// Other names with their code points.
    private static let others = """
        quot 34 amp 38 apos 39 lt 60 gt 62 OElig 338 oelig 339 Scaron 352 scaron 353 Yuml 376 fnof 402 circ 710 \
        tilde 732 Alpha 913 Beta 914 Gamma 915 Delta 916 Epsilon 917 Zeta 918 Eta 919 Theta 920 Iota 921 Kappa 922 \
        Lambda 923 Mu 924 Nu 925 Xi 926 Omicron 927 Pi 928 Rho 929 Sigma 931 Tau 932 Upsilon 933 Phi 934 Chi 935 \
        Psi 936 Omega 937 alpha 945 beta 946 gamma 947 delta 948 epsilon 949 zeta 950 eta 951 theta 952 iota 953 \
        kappa 954 lambda 955 mu 956 nu 957 xi 958 omicron 959 pi 960 rho 961 sigmaf 962 sigma 963 tau 964 \
        upsilon 965 phi 966 chi 967 psi 968 omega 969 thetasym 977 upsih 978 piv 982 ensp 8194 emsp 8195 \
        thinsp 8201 zwnj 8204 zwj 8205 lrm 8206 rlm 8207 ndash 8211 mdash 8212 lsquo 8216 rsquo 8217 sbquo 8218 \
        ldquo 8220 rdquo 8221 bdquo 8222 dagger 8224 Dagger 8225 bull 8226 hellip 8230 permil 8240 prime 8242 \
        Prime 8243 lsaquo 8249 rsaquo 8250 oline 8254 frasl 8260 euro 8364 image 8465 weierp 8472 real 8476 \
        trade 8482 alefsym 8501 larr 8592 uarr 8593 rarr 8594 darr 8595 harr 8596 crarr 8629 lArr 8656 uArr 8657 \
        rArr 8658 dArr 8659 hArr 8660 forall 8704 part 8706 exist 8707 empty 8709 nabla 8711 isin 8712 notin 8713 \
        ni 8715 prod 8719 sum 8721 minus 8722 lowast 8727 radic 8730 prop 8733 infin 8734 ang 8736 and 8743 or 8744 \
        cap 8745 cup 8746 int 8747 there4 8756 sim 8764 cong 8773 asymp 8776 ne 8800 equiv 8801 le 8804 ge 8805 \
        sub 8834 sup 8835 nsub 8836 sube 8838 supe 8839 oplus 8853 otimes 8855 perp 8869 sdot 8901 lceil 8968 \
        rceil 8969 lfloor 8970 rfloor 8971 lang 9001 rang 9002 loz 9674 spades 9824 clubs 9827 hearts 9829 diams 9830
        """

    static let named: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for (n, name) in latin1.split(separator: " ").enumerated() { table[String(name)] = Unicode.Scalar(UInt32(0xA0 + n)) }
        let parts = others.split(separator: " ")
        var k = 0
        while k + 1 < parts.count {
            table[String(parts[k])] = UInt32(parts[k + 1]).flatMap(Unicode.Scalar.init)
            k += 2
        }
        return table
    }()

    /// Names HTML accepts without the closing semicolon (legacy), as mail clients still write them.
    static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// The character a reference at `start` (an `&`) stands for, and the reference's length
    /// in bytes; nil when it is not a reference (the `&` is text).
    static func decode(_ bytes: [UInt8], at start: Int) -> (Unicode.Scalar, Int)? {
        var k = start + 1
        guard k < bytes.count else { return nil }
        if bytes[k] == UInt8(ascii: "#") {
            k += 1
            var hex = false
            if k < bytes.count && (bytes[k] == UInt8(ascii: "x") || bytes[k] == UInt8(ascii: "X")) { hex = true; k += 1 }
            let digitsStart = k
            var value: UInt32 = 0
            while k < bytes.count, k - digitsStart < 8, let d = digit(bytes[k], hex: hex) {
                value = value * (hex ? 16 : 10) + d
                k += 1
            }
            guard k > digitsStart else { return nil }
            if k < bytes.count && bytes[k] == UInt8(ascii: ";") { k += 1 }
            // NUL, surrogates and values past Unicode read as U+FFFD, as browsers do.
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", k - start)
        }
        let nameStart = k
        while k < bytes.count, k - nameStart < 10, isAlphanumeric(bytes[k]) { k += 1 }
        guard k > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<k], as: UTF8.self)
        guard let scalar = named[name] else { return nil }
        if k < bytes.count && bytes[k] == UInt8(ascii: ";") { return (scalar, k + 1 - start) }
        return legacyWithoutSemicolon.contains(name) ? (scalar, k - start) : nil
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        if b >= 0x30 && b <= 0x39 { return UInt32(b - 0x30) }
        guard hex else { return nil }
        if b >= 0x61 && b <= 0x66 { return UInt32(b - 0x61 + 10) }
        if b >= 0x41 && b <= 0x46 { return UInt32(b - 0x41 + 10) }
        return nil
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
