namespace LatentOps.Data.Pii;

/// <summary>Kinds of personal data <see cref="PiiDetector"/> finds in text.</summary>
public enum PiiKind
{
    /// <summary>E-mail addresses (name@domain.tld).</summary>
    Email,

    /// <summary>Phone numbers written with separators or a leading '+' (9 to 15 digits).</summary>
    Phone,

    /// <summary>Payment card numbers: 13 to 19 digits passing the Luhn check.</summary>
    PaymentCard,

    /// <summary>IBANs passing the ISO 13616 mod-97 check.</summary>
    Iban,

    /// <summary>IPv4 addresses and full-form IPv6 addresses.</summary>
    IpAddress,
}
