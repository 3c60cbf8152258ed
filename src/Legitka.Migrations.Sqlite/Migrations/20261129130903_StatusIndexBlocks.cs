using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StatusIndexBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Allocated",
                table: "StatusLists",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Lists opened before hold randomly drawn entries that the ordered, permuted allocation could meet:
            // they stay as they are for the credentials they hold, and new credentials go to a fresh list.
            migrationBuilder.Sql("UPDATE \"StatusLists\" SET \"Accepting\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Allocated",
                table: "StatusLists");
        }
    }
}
