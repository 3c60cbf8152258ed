namespace Legitka.Credentials.StatusList;

/// <summary>Status Type values of the Token Status List draft §7.</summary>
public enum StatusType : byte
{
    Valid = 0x00,
    Invalid = 0x01,
    Suspended = 0x02,
}
