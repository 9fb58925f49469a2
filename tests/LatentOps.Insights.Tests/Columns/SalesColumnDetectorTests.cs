using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Insights.Columns;

namespace LatentOps.Insights.Tests.Columns;

public sealed class SalesColumnDetectorTests
{
    [Fact]
    public void Detect_SuperstoreColumns_FindsEveryField()
    {
        var table = Table(["Order ID", "Order Date", "Customer ID", "Segment", "Region", "Product ID", "Category", "Sub-Category", "Product Name", "Sales", "Quantity", "Discount", "Profit"]);

        var columns = SalesColumnDetector.Detect(table);

        Assert.Equal("Order ID", columns.OrderId);
        Assert.Equal("Customer ID", columns.CustomerId);
        Assert.Equal("Product ID", columns.ProductId);
        Assert.Equal("Sales", columns.Sales);
        Assert.Equal("Segment", columns.CustomerType);
        Assert.Equal("Sub-Category", columns.SubCategory);
        Assert.Equal("Product Name", columns.ProductName);
        Assert.Equal("Profit", columns.Profit);
    }

    [Fact]
    public void Detect_OtherSpellingsAndNoSalesColumn_UsesSynonymsAndPriceTimesQuantity()
    {
        var table = Table(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]);

        var columns = SalesColumnDetector.Detect(table);

        Assert.Equal("InvoiceNo", columns.OrderId);
        Assert.Equal("CustomerID", columns.CustomerId);
        Assert.Equal("StockCode", columns.ProductId);
        Assert.Null(columns.Sales);
        Assert.Equal("UnitPrice", columns.UnitPrice);
        Assert.Equal("Quantity", columns.Quantity);
        Assert.Equal("Description", columns.ProductName);
        Assert.Equal("InvoiceDate", columns.OrderDate);
    }

    [Fact]
    public void Detect_NotASalesFile_NamesMissingFieldsAcceptedNamesAndColumns()
    {
        var table = Table(["sepal_length", "sepal_width", "species"]);

        var error = Assert.Throws<LatentOpsException>(() => SalesColumnDetector.Detect(table, "'iris.csv'"));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("'iris.csv' has no column for order ID, customer ID, product ID, sales amount", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Order ID'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Invoice No'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Revenue'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sepal_length'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_OnlySalesMissing_NamesOnlySales()
    {
        var table = Table(["Order ID", "Customer ID", "Product ID", "Quantity"]);

        var error = Assert.Throws<LatentOpsException>(() => SalesColumnDetector.Detect(table));

        Assert.Contains("no column for sales amount.", error.Message, StringComparison.Ordinal);
        Assert.Contains("or both a unit price and a quantity column", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("order ID", error.Message.Split("Accepted")[0], StringComparison.Ordinal);
    }

    private static Table Table(string[] names) =>
        new(names.Select(n => (Column)new StringColumn(n, ["1", "2"])));
}
