namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>UI-string keys of import problems; the texts (zh-CN, en) live with the other UI strings.</summary>
public static class ImportKeys
{
    // the file
    public const string UnsupportedFileType = "Import.Error.UnsupportedFileType"; // {0} extension
    public const string NotUtf8 = "Import.Error.NotUtf8";
    public const string BadXlsx = "Import.Error.BadXlsx";
    public const string BadCsvQuotes = "Import.Error.BadCsvQuotes";
    public const string WrongFieldCount = "Import.Error.WrongFieldCount"; // {0} expected, {1} found
    public const string EmptyFile = "Import.Error.EmptyFile";
    public const string NoDataRows = "Import.Error.NoDataRows";
    public const string TemplateExamplesOnly = "Import.Error.TemplateExamplesOnly";
    public const string TemplateExampleRow = "Import.Error.TemplateExampleRow"; // {0} the example's key
    public const string FileTooLarge = "Import.Error.FileTooLarge"; // {0} max MB
    public const string TooManyRows = "Import.Error.TooManyRows"; // {0} max rows
    public const string TooManyColumns = "Import.Error.TooManyColumns"; // {0} max columns
    public const string LineTooLong = "Import.Error.LineTooLong"; // {0} max characters
    public const string CellTooLong = "Import.Error.CellTooLong"; // {0} max characters
    public const string TooMuchText = "Import.Error.TooMuchText"; // {0} max MB
    public const string WorkbookTooLarge = "Import.Error.WorkbookTooLarge"; // {0} max MB expanded
    // {0} problems not listed, {1} lines with problems in all, {2} problems in all, {3} first and {4} last line checked
    public const string MoreProblems = "Import.Error.MoreProblems";

    // the header
    public const string MissingColumn = "Import.Error.MissingColumn"; // {0} column
    public const string UnknownColumn = "Import.Error.UnknownColumn"; // {0} column, {1} expected columns
    public const string DuplicateColumn = "Import.Error.DuplicateColumn"; // {0} column
    public const string UnnamedColumn = "Import.Error.UnnamedColumn"; // {0} column number (1 = first)

    // any field: {0} column, {1} value
    public const string Required = "Import.Error.Required"; // {0}
    public const string TooLong = "Import.Error.TooLong"; // {0}, {1} max length, {2} actual length
    public const string NotANumber = "Import.Error.NotANumber";
    public const string ThousandsSeparator = "Import.Error.ThousandsSeparator";
    public const string Negative = "Import.Error.Negative";
    public const string NotPositive = "Import.Error.NotPositive";
    public const string NotWholeNumber = "Import.Error.NotWholeNumber";
    public const string TooManyDecimals = "Import.Error.TooManyDecimals"; // {0}, {1}, {2} max decimals
    public const string NumberTooLarge = "Import.Error.NumberTooLarge"; // {0}, {1}, {2} max
    public const string BadChoice = "Import.Error.BadChoice"; // {0}, {1}, {2} allowed values
    public const string BadDate = "Import.Error.BadDate";
    public const string DateInFuture = "Import.Error.DateInFuture"; // {0}, {1}, {2} today
    public const string BadEmail = "Import.Error.BadEmail";
    public const string BadWebsite = "Import.Error.BadWebsite";
    public const string BadChainNode = "Import.Error.BadChainNode"; // {0}, {1} the item
    public const string UnknownChainNode = "Import.Error.UnknownChainNode"; // {0}, {1} CHAIN:NODE

    // USCC: {0} the code
    public const string BadUsccFormat = "Import.Error.BadUsccFormat";
    public const string BadUscc = "Import.Error.BadUscc";

    // enterprises
    public const string DuplicateUscc = "Import.Error.DuplicateUscc"; // {0} USCC, {1} first line
    public const string UsccTakenMeanwhile = "Import.Error.UsccTakenMeanwhile"; // {0} USCC
    public const string UnknownQualification = "Import.Error.UnknownQualification"; // {0} value, {1} allowed
    public const string BadIndustryCode = "Import.Error.BadIndustryCode"; // {0} value
    public const string ContactNameRequired = "Import.Error.ContactNameRequired";

    // projects
    public const string BadProjectCode = "Import.Error.BadProjectCode"; // {0} code
    public const string DuplicateProjectCode = "Import.Error.DuplicateProjectCode"; // {0} code, {1} first line
    public const string UnknownEnterprise = "Import.Error.UnknownEnterprise"; // {0} USCC
    public const string UnknownUser = "Import.Error.UnknownUser"; // {0} email
    public const string SignedOnRequired = "Import.Error.SignedOnRequired"; // {0} stage
    public const string SignedOnNotAllowed = "Import.Error.SignedOnNotAllowed"; // {0} stage
    public const string PlannedInvestmentRequired = "Import.Error.PlannedInvestmentRequired"; // {0} stage

    // land-efficiency records
    public const string YearOutOfRange = "Import.Error.YearOutOfRange"; // {0} value, {1} first, {2} last year
    public const string NotLocalEnterprise = "Import.Error.NotLocalEnterprise"; // {0} USCC
    public const string DuplicateLandRecord = "Import.Error.DuplicateLandRecord"; // {0} USCC, {1} year, {2} first line
}
