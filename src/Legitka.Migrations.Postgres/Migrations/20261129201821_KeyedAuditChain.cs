using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KeyedAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "PendingAuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "KeyVersion",
                table: "AuditEntries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The rows already there are unkeyed (0) and unsealed (""); new ones must say what they are. Without a default,
            // a node of an earlier release still running fails to append, instead of adding unkeyed entries after keyed ones.
            migrationBuilder.Sql("""
                ALTER TABLE "AuditEntries" ALTER COLUMN "KeyVersion" DROP DEFAULT;
                ALTER TABLE "PendingAuditEntries" ALTER COLUMN "Seal" DROP DEFAULT;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Seal",
                table: "PendingAuditEntries");

            migrationBuilder.DropColumn(
                name: "KeyVersion",
                table: "AuditEntries");
        }
    }
}
