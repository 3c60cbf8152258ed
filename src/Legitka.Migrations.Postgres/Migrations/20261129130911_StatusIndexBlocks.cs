using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Postgres.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Lists opened before hold randomly drawn entries that the ordered, permuted allocation could meet:
            // they stay as they are for the credentials they hold, and new credentials go to a fresh list.
            migrationBuilder.Sql("UPDATE \"StatusLists\" SET \"Accepting\" = false;");
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
