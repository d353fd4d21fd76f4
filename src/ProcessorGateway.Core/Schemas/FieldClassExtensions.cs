namespace ProcessorGateway.Core.Schemas;

public static class FieldClassExtensions
{
    public static bool IsEncrypted(this FieldClass fieldClass) => fieldClass != FieldClass.Plain;

    public static bool IsQueryable(this FieldClass fieldClass) => fieldClass is FieldClass.Plain or FieldClass.PersonalSearchable;
}
